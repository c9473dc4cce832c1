// fontkit ships no types; pdfkit accepts its font objects in registerFont (anything with layout()).
declare module 'fontkit' {
  export interface Font {
    layout(text: string): unknown
  }
  export function create(data: Uint8Array): Font
}
