// Everything that can be checked in one file on its own: how it loads, the schema, the strings inside,
// servers and tools against the configuration, step rules and the schema link. Each file once.
import type { Diagnostic } from '../common/diagnostic.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { checkLoadRules } from './loadRules.js';
import { checkStepRules } from './rules.js';
import { getValidators } from './schema.js';
import { schemaDiagnostics } from './schemaDiagnostics.js';
import { checkSchemaLine } from './schemaLine.js';
import { checkServersInFile } from './servers.js';
import { checkStrings } from './strings.js';
import type { ValidationContext } from './types.js';

export interface FileCheck {
  diagnostics: Diagnostic[];
  /** The value conforms to the schema (so it is a JourneyDoc / FragmentDoc). */
  conforms: boolean;
}

export function checkFile(source: LoadedFile, fragment: boolean, context: ValidationContext): FileCheck {
  const diagnostics = [...source.diagnostics];
  if (source.value === undefined) return { diagnostics, conforms: false };
  const validators = getValidators();
  const validate = fragment ? validators.fragment : validators.journey;
  const conforms = validate(source.value);
  if (!conforms) diagnostics.push(...schemaDiagnostics(validate.errors ?? [], source, fragment));
  diagnostics.push(
    ...checkSchemaLine(source, fragment),
    ...checkStrings(source, fragment),
    ...checkServersInFile(source, fragment, context),
    ...checkStepRules(source, fragment),
    ...checkLoadRules(source, fragment),
  );
  return { diagnostics, conforms };
}
