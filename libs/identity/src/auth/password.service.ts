import { Injectable } from '@nestjs/common';
import { hash, verify } from 'argon2';

/**
 * argon2id hashing with the library's defaults (64 MiB, 3 passes). Verifying against an unknown
 * account still spends the same work on a fixed hash, so response time does not reveal which
 * e-mail addresses are registered.
 */
@Injectable()
export class PasswordService {
  private readonly decoy: Promise<string> = hash('decoy password that matches nothing');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password);
      return false;
    }
    return verify(passwordHash, password);
  }
}
