import type { components } from './schema';

/** The API's schemas, generated from openapi.json: a changed API fails the type check. */
export type Schemas = components['schemas'];
export type FieldError = Schemas['FieldErrorDto'];
export type Bot = Schemas['BotResponseDto'];
export type BotState = Schemas['BotStateResponseDto'];
export type Strategy = Schemas['StrategyDescriptionDto'];
