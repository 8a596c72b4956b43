// Secrets recognisable by their shape alone, wherever they appear: cloud keys, VCS tokens, chat
// tokens, SaaS API keys, JWTs. Each entry names its rule and the literal prefix the prefilter
// looks for; the regex then decides. Bounded quantifiers only (no backtracking blow-ups).
import type { Rule } from '../types.js';
import { tokenStartCheck } from '../byte-checks.js';

interface Shape {
  rule: string;
  triggers: string[];
  re: RegExp;
  /** The trigger starts the token (the regex begins with the left boundary L). */
  anchored: boolean;
  /** Capture group holding the secret (default: the whole match). */
  group?: number;
}

// Left boundary: not preceded by a character that would make the match part of a longer token.
const L = '(?<![A-Za-z0-9_+/-])';
const R = '(?![A-Za-z0-9_-])';

// Shapes whose trigger sits inside the token, not at its start.
const MID_TRIGGER = new Set([
  'azure-client-secret',
  'telegram-bot-token',
  'firebase-key',
  'terraform-token',
]);

function s(rule: string, triggers: string[], body: string, group?: number): Shape {
  return {
    rule,
    triggers,
    re: new RegExp(body, 'g'),
    group,
    anchored: body.startsWith(L) && !MID_TRIGGER.has(rule),
  };
}

export const SHAPES: Shape[] = [
  s(
    'aws-access-key-id',
    ['akia', 'asia', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva', 'abia', 'acca', 'a3t'],
    `${L}(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}${R}`,
  ),
  s(
    'aws-session-token',
    ['iqoj', 'fwog', 'fqog'],
    `${L}(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/=]{40,8000}`,
  ),
  s('gcp-api-key', ['aiza'], `${L}AIza[0-9A-Za-z_-]{35}${R}`),
  s('gcp-oauth-token', ['ya29.'], `${L}ya29\\.[0-9A-Za-z_-]{20,4000}`),
  s('gcp-client-secret', ['gocspx-'], `${L}GOCSPX-[0-9A-Za-z_-]{20,64}`),
  s('azure-client-secret', ['q~'], `${L}[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}${R}`),
  s(
    'github-token',
    ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    `${L}gh[pousr]_[A-Za-z0-9]{30,255}${R}`,
  ),
  s('github-token', ['github_pat_'], `${L}github_pat_[A-Za-z0-9_]{22,255}${R}`),
  s(
    'gitlab-token',
    [
      'glpat-',
      'gldt-',
      'glrt-',
      'glptt-',
      'glcbt-',
      'glsoat-',
      'glft-',
      'glimt-',
      'glagent-',
      'gloas-',
      'glffct-',
      'glwt-',
    ],
    `${L}gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent|oas|ffct|wt)-[0-9A-Za-z_-]{20,255}`,
  ),
  s('gitlab-token', ['gr1348941'], `${L}GR1348941[0-9A-Za-z_-]{20,64}`),
  s(
    'slack-token',
    ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxr-', 'xoxs-', 'xoxe-', 'xoxe.'],
    `${L}xox(?:[abposr]|e(?:\\.xox[bp])?)-[0-9A-Za-z-]{10,400}`,
  ),
  s('slack-token', ['xapp-'], `${L}xapp-\\d-[0-9A-Za-z-]{10,400}`),
  s(
    'slack-webhook',
    ['hooks.slack.com'],
    `hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9]+/[A-Za-z0-9]+/([A-Za-z0-9]{8,64})`,
    1,
  ),
  s(
    'webhook-token',
    ['/api/webhooks/'],
    `discord(?:app)?\\.com/api/webhooks/\\d+/([A-Za-z0-9_-]{30,100})`,
    1,
  ),
  s(
    'webhook-token',
    ['webhook.office.com', 'logic.azure.com'],
    `(?:webhook\\.office\\.com/webhookb2|logic\\.azure\\.com[^\\s"'<>]*[?&]sig=)/?([^\\s"'<>&]{20,400})`,
    1,
  ),
  s(
    'jwt',
    ['eyj'],
    `${L}eyJ[A-Za-z0-9_-]{5,4000}\\.[A-Za-z0-9_-]{5,8000}\\.[A-Za-z0-9_-]{0,4000}(?:\\.[A-Za-z0-9_-]{0,4000}\\.[A-Za-z0-9_-]{0,4000})?`,
  ),
  s('sendgrid-api-key', ['sg.'], `${L}SG\\.[0-9A-Za-z_-]{16,32}\\.[0-9A-Za-z_-]{16,64}${R}`),
  s(
    'stripe-key',
    ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'whsec_'],
    `${L}(?:[sr]k_(?:live|test)_[0-9A-Za-z]{16,247}|whsec_[A-Za-z0-9+/=]{24,128})`,
  ),
  s('mailgun-key', ['key-'], `${L}key-[0-9a-f]{32}${R}`),
  s('npm-token', ['npm_'], `${L}npm_[A-Za-z0-9]{36}${R}`),
  s('pypi-token', ['pypi-'], `${L}pypi-AgE[A-Za-z0-9_-]{50,400}`),
  s('vault-token', ['hvs.', 'hvb.', 'hvr.'], `${L}hv[sbr]\\.[A-Za-z0-9_-]{24,400}`),
  s('digitalocean-token', ['dop_v1_', 'doo_v1_', 'dor_v1_'], `${L}do[por]_v1_[a-f0-9]{64}${R}`),
  s(
    'shopify-token',
    ['shpat_', 'shpss_', 'shpca_', 'shppa_'],
    `${L}shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}${R}`,
  ),
  s('huggingface-token', ['hf_'], `${L}hf_[A-Za-z0-9]{30,40}${R}`),
  s('postman-key', ['pmak-'], `${L}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${R}`),
  s(
    'grafana-token',
    ['glsa_', 'glc_'],
    `${L}(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})`,
  ),
  s('newrelic-key', ['nrak-', 'nrii-', 'nrjs-'], `${L}NR(?:AK|II|JS)-[A-Za-z0-9]{19,40}${R}`),
  s('sentry-token', ['sntrys_', 'sntryu_'], `${L}sntry[su]_[A-Za-z0-9_=+/]{40,400}`),
  s('dynatrace-token', ['dt0c01.'], `${L}dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}${R}`),
  s('atlassian-token', ['atatt3'], `${L}ATATT3[A-Za-z0-9_=-]{100,400}`),
  s('bitbucket-token', ['atbb'], `${L}ATBB[A-Za-z0-9_=.-]{28,64}${R}`),
  s('artifactory-key', ['akcp'], `${L}AKCp[A-Za-z0-9]{60,80}${R}`),
  s('age-secret-key', ['age-secret-key-1'], `AGE-SECRET-KEY-1[0-9A-Z]{58}`),
  s('docker-token', ['dckr_pat_'], `${L}dckr_pat_[A-Za-z0-9_-]{20,64}`),
  s(
    'openai-key',
    ['sk-'],
    `${L}sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\\d\\d-)?[A-Za-z0-9_-]{20,200}${R}`,
  ),
  s('linear-key', ['lin_api_'], `${L}lin_api_[A-Za-z0-9]{40}${R}`),
  s('square-token', ['sq0atp-', 'sq0csp-'], `${L}sq0(?:atp|csp)-[0-9A-Za-z_-]{22,60}`),
  s(
    'doppler-token',
    ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.'],
    `${L}dp\\.(?:pt|st|sa|ct)\\.[A-Za-z0-9]{40,44}${R}`,
  ),
  s('databricks-token', ['dapi'], `${L}dapi[a-f0-9]{32}(?:-\\d)?${R}`),
  s('sonar-token', ['sqp_', 'squ_', 'sqa_'], `${L}sq[pua]_[a-f0-9]{40}${R}`),
  s('supabase-token', ['sbp_'], `${L}sbp_[a-f0-9]{40}${R}`),
  s('rubygems-key', ['rubygems_'], `${L}rubygems_[a-f0-9]{48}${R}`),
  s('terraform-token', ['.atlasv1.'], `${L}[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_-]{60,120}`),
  s('alibaba-access-key', ['ltai'], `${L}LTAI[A-Za-z0-9]{12,20}${R}`),
  s('telegram-bot-token', [':aa'], `${L}\\d{8,10}:AA[0-9A-Za-z_-]{33}${R}`),
  s('firebase-key', [':apa91b'], `${L}AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200}`),
  s('mapbox-token', ['sk.eyj'], `${L}sk\\.eyJ[A-Za-z0-9_-]{20,400}\\.[A-Za-z0-9_-]{10,100}`),
  s('onepassword-token', ['ops_eyj'], `${L}ops_eyJ[A-Za-z0-9_-]{100,2000}`),
  s(
    'private-key',
    ['ls0tls1crudjtib'],
    `${L}LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,40}(?:UFJJVkFURSBLRVk|QUklWQVRFIEtFWS|SVZBVEUgS0VZ)[A-Za-z0-9+/=]{0,16000}`,
  ),
];

export const shapeRules: Rule[] = SHAPES.map((sh, i) => ({
  id: `shape-${i}-${sh.rule}`,
  triggers: sh.triggers,
  check: sh.anchored ? (b, pos) => tokenStartCheck(b, pos) : undefined,
  apply(line, out) {
    sh.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = sh.re.exec(line)) !== null) {
      if (sh.group !== undefined) {
        const g = m[sh.group];
        if (g) {
          const start = m.index + m[0].lastIndexOf(g);
          out.secret(start, start + g.length, sh.rule);
        }
      } else out.secret(m.index, m.index + m[0].length, sh.rule);
      if (m[0].length === 0) sh.re.lastIndex++;
    }
  },
}));
