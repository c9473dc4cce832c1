/** A print asked for an invoice or statement that does not exist (a light module: the CLI's error reporter needs it). */
export class DocumentNotFound extends Error {}
