import { buildZip } from '../signatures/zip/zip-builder'

/**
 * An .asice whose signature XML holds `nodes` empty elements: under the parser's node cap and the upload
 * limit (stored, about 4 MB), yet it costs hundreds of MB of heap and seconds to parse.
 */
export function manyNodesAsice(nodes = 990_000): Buffer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" ' +
    'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Signature Id="S0"><ds:Object>' +
    '<a/>'.repeat(nodes) +
    '</ds:Object></ds:Signature></asic:XAdESSignatures>'
  return buildZip([
    { name: 'mimetype', data: 'application/vnd.etsi.asic-e+zip', store: true },
    { name: 'data.txt', data: 'hello' },
    {
      name: 'META-INF/manifest.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest ' +
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/>' +
        '<manifest:file-entry manifest:full-path="data.txt" manifest:media-type="text/plain"/>' +
        '</manifest:manifest>',
    },
    // Stored, not deflated: the ZIP reader's ratio cap would refuse it long before the XML parser.
    { name: 'META-INF/signatures0.xml', data: xml, store: true },
  ])
}
