/**
 * Components that plug-ins add to the language: for each kind of tagged union (layer, loss,
 * dataset, ...) a name, its parameters' schema and its description. The JSON Schemas (validation,
 * defaults, the editor's schema) are the built-in ones with these members appended to their
 * union; a name may be neither a built-in's nor another plug-in's.
 */
import { createHash } from 'node:crypto';
import type { TProperties } from '@sinclair/typebox';
import { closed } from '../schema/primitives';

/** The unions plug-ins may extend, by the title their tagged union carries. */
export const EXTENSION_KINDS = ['layer', 'loss', 'dataset', 'augmentation', 'optimizer', 'schedule', 'corruption', 'preprocessing step'] as const;
export type ExtensionKind = (typeof EXTENSION_KINDS)[number];

/** The source of components ablate itself defines the way plug-ins do (libs/plugins/src/builtin/). */
export const BUILT_IN_SOURCE = 'ablate';

export interface Extension {
  kind: ExtensionKind;
  name: string;
  description: string;
  /** The component's own parameters (TypeBox properties); unknown keys are refused. */
  params: TProperties;
  /** The plug-in file that adds it, as shown in messages. */
  source: string;
  /** A corruption: the parameter that holds its levels (one evaluation per level). */
  level?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const added: Extension[] = [];
let key = '';

export function extensions(): readonly Extension[] {
  return added;
}

/** A hash of every extension: '' without any, so built-in schemas keep their cache keys. */
export function extensionsKey(): string {
  return key;
}

/** Adds a component; the caller has checked that its name is new (see `extensionClash`). */
export function addExtension(extension: Extension): void {
  added.push(extension);
  key = createHash('sha256').update(JSON.stringify(added.map((e) => [e.kind, e.name, e.description, e.params]))).digest('hex').slice(0, 16);
}

/** Forgets every plug-in's extension (tests); ablate's own stay. */
export function clearExtensions(): void {
  const kept = added.filter((e) => e.source === BUILT_IN_SOURCE);
  added.length = 0;
  added.push(...kept);
  key = kept.length ? createHash('sha256').update(JSON.stringify(added.map((e) => [e.kind, e.name, e.description, e.params]))).digest('hex').slice(0, 16) : '';
}

const isNode = (v: Json | undefined): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a node is the tagged union of `kind` (as taggedUnion builds it). */
function unionOf(node: Node): ExtensionKind | undefined {
  if (!isNode(node.discriminator) || !Array.isArray(node.oneOf) || typeof node.title !== 'string') return undefined;
  return (EXTENSION_KINDS as readonly string[]).includes(node.title) ? (node.title as ExtensionKind) : undefined;
}

/** The fields every member of a union shares besides `type` (a layer's name, inputs, if, ...). */
function commonFields(members: Node[]): Node {
  const [first, ...rest] = members.map((m) => (isNode(m.properties) ? m.properties : {}));
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k]) => k !== 'type' && rest.every((p) => k in p)));
}

function member(extension: Extension, common: Node): Node {
  const schema = JSON.parse(JSON.stringify(closed(extension.params))) as Node;
  const properties = isNode(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return {
    ...schema,
    title: `${extension.name} ${extension.kind}`,
    type: 'object',
    properties: { type: { const: extension.name, description: extension.source === BUILT_IN_SOURCE ? extension.description : `${extension.description} (plug-in ${extension.source})` }, ...common, ...properties },
    required: ['type', ...required],
    additionalProperties: false,
  };
}

/** Names already taken in a union of this kind: the built-ins' and the plug-ins' so far. */
export function takenNames(schema: Json, kind: ExtensionKind): string[] {
  const names = new Set<string>(added.filter((e) => e.kind === kind).map((e) => e.name));
  const visit = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    if (unionOf(node) === kind) for (const m of node.oneOf as Node[]) names.add(String(((m.properties as Node)?.type as Node)?.const));
    Object.values(node).forEach(visit);
  };
  visit(schema);
  return [...names];
}

/** A copy of a JSON Schema with every union of an extended kind holding the extensions as members too. */
export function extendSchema<T>(schema: T): T {
  if (added.length === 0) return schema;
  const visit = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isNode(node)) return node;
    const out: Node = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    const kind = unionOf(node);
    const mine = kind ? added.filter((e) => e.kind === kind) : [];
    if (kind && mine.length > 0) {
      const members = out.oneOf as Node[];
      const common = commonFields(members);
      out.oneOf = [...members, ...mine.map((e) => member(e, common))];
      const type = ((out.properties as Node | undefined)?.type ?? {}) as Node;
      if (Array.isArray(type.enum)) out.properties = { ...(out.properties as Node), type: { ...type, enum: [...type.enum, ...mine.map((e) => e.name)] } };
    }
    return out;
  };
  return visit(JSON.parse(JSON.stringify(schema)) as Json) as T;
}
