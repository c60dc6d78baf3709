export * from './catalogue.module.js';
export * from './institutions/institution-kind.js';
export * from './institutions/institution.entity.js';
export * from './institutions/institutions.service.js';
