import { Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@techmatch/common';
import { SearchStatus } from './dto/search-status.models.js';
import { SearchStatusService } from './search-status.service.js';

@Resolver(() => SearchStatus)
export class SearchStatusResolver {
  constructor(private readonly status: SearchStatusService) {}

  @Roles(Role.BROKER, Role.ADMIN)
  @Query(() => SearchStatus, {
    description:
      '搜索同步指标 / Search sync metrics: relay backlog and lag, parked changes, index sizes',
  })
  searchStatus(): Promise<SearchStatus> {
    return this.status.status();
  }
}
