import { loadLocalAuthorities, type LocalAuthorityRecord } from '@app/projections';
import { Injectable } from '@nestjs/common';
import type { LocalAuthority } from './local-authority.graphql';

/** The LA register, loaded once at start from the committed DfE file. */
@Injectable()
export class LocalAuthoritiesService {
  private readonly byCode: ReadonlyMap<string, LocalAuthorityRecord> = new Map(
    loadLocalAuthorities().map((la) => [la.code, la]),
  );

  all(): LocalAuthority[] {
    return [...this.byCode.values()].map(toGraphql).sort((a, b) => a.name.localeCompare(b.name));
  }

  find(code: string): LocalAuthority | null {
    const record = this.byCode.get(code);
    return record ? toGraphql(record) : null;
  }
}

const toGraphql = (la: LocalAuthorityRecord): LocalAuthority => ({
  code: la.code,
  gssCode: la.gssCode,
  name: la.name,
  region: la.regionName,
  regionCode: la.regionCode,
});
