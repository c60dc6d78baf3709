import { registerEnumType } from '@nestjs/graphql';

/** Who a user is to the service. Every context checks access in these terms. */
export enum Role {
  ENTERPRISE = 'ENTERPRISE',
  RESEARCHER = 'RESEARCHER',
  BROKER = 'BROKER',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'ENTERPRISE 企业, RESEARCHER 科研人员, BROKER 技术经纪人, ADMIN 科技局管理员',
});
