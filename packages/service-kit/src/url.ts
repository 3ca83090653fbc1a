// Connection URLs carry passwords two ways: `postgres://user:secret@host/db` and, as node-postgres
// also reads them, `postgres://user@host/db?password=secret`. Whatever prints a URL prints this.

const SECRET_PARAM = /password|passwd|pwd|secret|token|apikey|api_key|sslkey/i;

/** The URL with any userinfo password and any secret-looking query parameter replaced by `***`. */
export function redactUrl(url: string): string {
  let out = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(out);
  if (scheme) {
    const start = scheme[0].length;
    const rest = out.slice(start);
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
    // The last `@` ends the userinfo: a password may itself hold an `@`.
    const at = authority.lastIndexOf("@");
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(":");
      const safe = colon >= 0 ? `${userinfo.slice(0, colon)}:***` : userinfo;
      out = `${out.slice(0, start)}${safe}${rest.slice(at)}`;
    }
  }
  return out.replace(/([?&;])([^=&#;]*)=([^&#;]*)/g, (m, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {}
    return SECRET_PARAM.test(decoded) ? `${sep}${name}=***` : m;
  });
}
