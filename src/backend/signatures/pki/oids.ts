/** Object identifiers the validator reads, by name. */
export const OID = {
  // CMS content types and attributes
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  archiveTimestampV3: '0.4.0.1733.2.4',
  /** ats-hash-index-v3 (EN 319 122-1 §5.5.2), an unsigned attribute of the archive timestamp token. */
  atsHashIndexV3: '0.4.0.19122.1.5',
  /** ats-hash-index of TS 101 733 v2.2.1 (whole unsigned attributes hashed, not each value). */
  atsHashIndex: '0.4.0.1733.2.5',
  revocationValues: '1.2.840.113549.1.9.16.2.24',
  adbeRevocationInfo: '1.2.840.113583.1.1.8',
  // Extensions
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  certificatePolicies: '2.5.29.32',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  kpOcspSigning: '1.3.6.1.5.5.7.3.9',
  kpTimeStamping: '1.3.6.1.5.5.7.3.8',
  // QC statements (ETSI EN 319 412-5)
  qcCompliance: '0.4.0.1862.1.1',
  qcSSCD: '0.4.0.1862.1.4',
  qcType: '0.4.0.1862.1.6',
  qcTypeESign: '0.4.0.1862.1.6.1',
  qcTypeESeal: '0.4.0.1862.1.6.2',
  // OCSP
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  /** RFC 5940 otherRevInfoFormat for an OCSP response in the CMS crls field. */
  riOcspResponse: '1.3.6.1.5.5.7.16.2',
  // Signature algorithms
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
} as const

/** Digest algorithm OIDs -> Node hash names. */
export const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.8': 'sha3-256',
  '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
  '1.2.840.113549.2.5': 'md5',
}

/** Signature algorithm OIDs -> key family and the digest it implies (null: given separately). */
export const SIGNATURE_ALGS: Record<string, { family: 'rsa' | 'rsa-pss' | 'ecdsa'; digest: string | null }> =
  {
    '1.2.840.113549.1.1.1': { family: 'rsa', digest: null },
    '1.2.840.113549.1.1.4': { family: 'rsa', digest: 'md5' },
    '1.2.840.113549.1.1.5': { family: 'rsa', digest: 'sha1' },
    '1.2.840.113549.1.1.14': { family: 'rsa', digest: 'sha224' },
    '1.2.840.113549.1.1.11': { family: 'rsa', digest: 'sha256' },
    '1.2.840.113549.1.1.12': { family: 'rsa', digest: 'sha384' },
    '1.2.840.113549.1.1.13': { family: 'rsa', digest: 'sha512' },
    '2.16.840.1.101.3.4.3.14': { family: 'rsa', digest: 'sha3-256' },
    '2.16.840.1.101.3.4.3.15': { family: 'rsa', digest: 'sha3-384' },
    '2.16.840.1.101.3.4.3.16': { family: 'rsa', digest: 'sha3-512' },
    '1.2.840.113549.1.1.10': { family: 'rsa-pss', digest: null },
    '1.2.840.10045.2.1': { family: 'ecdsa', digest: null },
    '1.2.840.10045.4.1': { family: 'ecdsa', digest: 'sha1' },
    '1.2.840.10045.4.3.1': { family: 'ecdsa', digest: 'sha224' },
    '1.2.840.10045.4.3.2': { family: 'ecdsa', digest: 'sha256' },
    '1.2.840.10045.4.3.3': { family: 'ecdsa', digest: 'sha384' },
    '1.2.840.10045.4.3.4': { family: 'ecdsa', digest: 'sha512' },
    '2.16.840.1.101.3.4.3.10': { family: 'ecdsa', digest: 'sha3-256' },
    '2.16.840.1.101.3.4.3.11': { family: 'ecdsa', digest: 'sha3-384' },
    '2.16.840.1.101.3.4.3.12': { family: 'ecdsa', digest: 'sha3-512' },
  }

/** X.500 attribute types shown in names. */
export const NAME_ATTRS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.42': 'GN',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
}
