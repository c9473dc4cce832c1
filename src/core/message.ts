/**
 * Fills a locale message outside vue-i18n (printing, the CLI, the Electron shell) the way vue-i18n reads
 * it: `{name}` takes the parameter (left as written when it is not given) and a literal `{'@'}` gives its
 * text, so a message escaped for vue-i18n prints the same on paper as on screen.
 */
export function fillMessage(template: string, params: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(/\{\s*(?:'([^']*)'|(\w+))\s*\}/g, (whole, literal?: string, name?: string) => {
    if (literal !== undefined) return literal
    const value = params[name!]
    return value === undefined || value === null ? whole : String(value)
  })
}
