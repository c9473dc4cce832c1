import { randomBytes, scrypt } from 'node:crypto'

// The desk's verifier format (`scrypt$N$r$p$salt$hash`), so desks can cache central agents' verifiers for
// offline sign-in. N=2^15, r=8, p=1: about 100 ms and 32 MiB per hash.
const N = 32768
const R = 8
const P = 1

export function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err
        ? reject(err)
        : resolve(['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')),
    ),
  )
}
