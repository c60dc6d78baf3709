export * from './notifications.module.js';
export * from './notifications.service.js';
export * from './notification.entity.js';
export * from './notification-data.model.js';
export * from './notification-kind.js';
export * from './notification-fanout.service.js';
export * from './dto/notification.models.js';
