/**
 * Safety triage of a member's message before anything else happens to it (no model call, no
 * retrieval). Pure and deterministic: rules over a normalised form of the text (lower case, no
 * accents, doubled letters collapsed, common misspellings, text-speak and Vietnamese teencode
 * expanded). Tuned for recall: when in doubt it says `crisis`. Idioms ("dying for a cigarette",
 * "mệt muốn chết") and plain denials ("I'm not suicidal") are neutralised first.
 *
 * Both languages' rules run on every message (members mix languages); `locale` only orders the
 * reasons. Reasons are rule ids, never message text, so they may be logged and audited.
 */

export type SafetyLevel = "none" | "concern" | "crisis";
export type SafetyCategory = "self-harm" | "medical-emergency" | "harm-to-others" | "poisoning" | "distress";
export type SafetyAssessment = { level: SafetyLevel; categories: SafetyCategory[]; reasons: string[] };

type Rule = { id: string; category: SafetyCategory; level: "crisis" | "concern"; re: RegExp };

/** Collapse every run of one letter ("killl" → "kil", "sleep" → "slep"), the form rules are written against. */
function skeleton(text: string): string {
  return text.replace(/([a-z])\1+/g, "$1");
}

function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "d");
}

/** A rule source uses spaces as word boundaries (the text is padded with spaces) and is skeletonised like the text. */
function rules(lang: "en" | "vi", category: SafetyCategory, level: "crisis" | "concern", entries: Record<string, string>): Rule[] {
  return Object.entries(entries).map(([name, source]) => ({
    id: `${lang}.${category}.${name}`,
    category,
    level,
    re: new RegExp(lang === "en" ? skeleton(source) : source),
  }));
}

// ---------------------------------------------------------------- English normalisation

const EN_WORDS: Record<string, string> = {
  im: "i am",
  ive: "i have",
  id: "i would",
  ill: "i will",
  dont: "do not",
  doesnt: "does not",
  didnt: "did not",
  cant: "can not",
  cannot: "can not",
  cnt: "can not",
  wont: "will not",
  wouldnt: "would not",
  couldnt: "could not",
  isnt: "is not",
  wasnt: "was not",
  arent: "are not",
  havent: "have not",
  wanna: "want to",
  wana: "want to",
  gonna: "going to",
  gona: "going to",
  gunna: "going to",
  wnat: "want",
  wan: "want",
  lfe: "life",
  lif: "life",
  kms: "kill myself",
  kil: "kill",
  rn: "right now",
  u: "you",
  ur: "your",
  tonite: "tonight",
  tnight: "tonight",
  bout: "about",
  thinkin: "thinking",
  livin: "living",
  myslef: "myself",
  mysef: "myself",
  unalive: "suicide",
  unaliving: "suicide",
  unalived: "suicide",
  ded: "dead",
  brethe: "breathe",
  breth: "breath",
  hart: "heart",
  pian: "pain",
  pach: "patch",
  nicotne: "nicotine",
  nicotene: "nicotine",
  diee: "die",
  fr: "for real",
};

/** Long words whose misspellings are common in a hurry; corrected within one or two edits. */
const EN_FUZZY = [
  "suicide",
  "suicidal",
  "myself",
  "breathe",
  "breathing",
  "swallowed",
  "nicotine",
  "disappear",
  "toddler",
  "overdose",
  "anymore",
  "hopeless",
  "depressed",
  "painkillers",
  "tablets",
  "goodbye",
  "farewell",
  "unconscious",
  "collapsed",
  "strangle",
  "poisoned",
  "swallow",
  "medication",
].map(skeleton);

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Optimal string alignment distance (insert, delete, substitute, swap neighbours) in one flat table.
  const width = b.length + 1;
  const d = new Int32Array((a.length + 1) * width);
  const at = (i: number, j: number) => d[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

const EN_WORD_MAP = new Map(Object.entries(EN_WORDS).map(([k, v]) => [skeleton(k), v]));

function englishForm(text: string): string {
  let t = stripAccents(text.toLowerCase());
  t = t.replace(/[’'`]/g, "");
  // Censored or leet letters inside a word: "k*ll", "su1cide", "h0pe".
  t = t
    .replace(/(?<=[a-z])[*1!](?=[a-z])/g, "i")
    .replace(/(?<=[a-z])0(?=[a-z])/g, "o")
    .replace(/(?<=[a-z])3(?=[a-z])/g, "e");
  t = ` ${t.replace(/[^a-z0-9]+/g, " ")} `.replace(/ (want|wana|going|need) 2 /g, " $1 to ");
  const words = t
    .split(" ")
    .filter(Boolean)
    .map((word) => {
      const key = skeleton(word);
      const mapped = EN_WORD_MAP.get(key);
      if (mapped) return mapped;
      if (key.length >= 5 && !EN_FUZZY.includes(key)) {
        for (const target of EN_FUZZY) {
          if (editDistance(key, target, key.length >= 8 ? 2 : 1) <= (key.length >= 8 ? 2 : 1)) return target;
        }
      }
      return word;
    });
  let joined = ` ${skeleton(words.join(" "))} `;
  joined = joined.replace(/ my self /g, " myself ").replace(/ (to|gona) of myself /g, " to kil myself ");
  return joined;
}

// ---------------------------------------------------------------- Vietnamese normalisation

const VI_WORDS: Record<string, string> = {
  mun: "muon",
  mk: "minh",
  k: "khong",
  ko: "khong",
  kh: "khong",
  khg: "khong",
  hok: "khong",
  hk: "khong",
  hong: "khong",
  t: "toi",
  tui: "toi",
  tao: "toi",
  e: "em",
  r: "roi",
  dc: "duoc",
  lun: "luon",
  chit: "chet",
  chot: "chet",
  uog: "uong",
  meng: "mieng",
  nicotin: "nicotine",
  vap: "vape",
  sac: "sat",
  // Teencode for people and the usual shortcuts, so family rules ("giết ck", "gánh nặng cho mn") meet.
  kg: "khong",
  k0: "khong",
  ck: "chong",
  vk: "vo",
  mn: "moi nguoi",
  mng: "moi nguoi",
  ng: "nguoi",
  bme: "bo me",
  gd: "gia dinh",
  chek: "chet",
  chjt: "chet",
};

const GRAVE = "\u0300";
const HORN = "\u031b";
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * "tự tử" (suicide), "từ từ" (slowly) and "tư vấn" (advice) lose their difference without
 * accents: keep the tone of a "tu" token when the member typed one.
 */
function viToken(token: string): string {
  const decomposed = token.normalize("NFD");
  let p = stripAccents(token);
  if (p === "tu") {
    if (decomposed.includes(GRAVE)) p = "tuf";
    else if (decomposed.includes(HORN) && !TONES.test(decomposed)) p = "tuz";
  }
  return VI_WORDS[p] ?? p;
}

function vietnameseForm(text: string): string {
  const tokens = text
    .toLowerCase()
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const joined = tokens.map(viToken).join(" ");
  return ` ${joined.replace(/([a-z])\1+/g, "$1")} `;
}

function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036f]/.test(text.normalize("NFD")) || /[đĐ]/.test(text);
}

// ---------------------------------------------------------------- English rules

const PERSON =
  "(him|her|them|someone|somebody|anyone|anybody|people|everyone|everybody|that guy|my (husband|wife|son|daughter|kid|kids|child|children|baby|boss|neighbour|neighbor|roommate|flatmate|partner|boyfriend|girlfriend|mother|father|mum|mom|dad|brother|sister|family|coworker|colleague|ex))";
const CHILD =
  "(toddler|baby|babies|kid|kids|child|children|son|daughter|niece|nephew|grandson|granddaughter|little girl|little boy|little one|infant|year old|dog|puppy|cat)";
const INGEST =
  "(swallowed|swallow|swallowing|ate|eaten|eat|eating|chewed|chewing|chew|drank|drunk|drink|drinking|licked|licking|sucking|sucked|bit|in (his|her|their) mouth|got into|got hold of)";
const NICOTINE_PRODUCT =
  "(nicotine|patch|patches|gum|lozenge|lozenges|pouch|pouches|e liquid|eliquid|liquid|vape|vapes|juice|pod|pods|cigarette|cigarettes|butt|butts|tobacco|varenicline|champix|chantix|bupropion|zyban|cytisine|quit smoking pills|tablets)";
const SYMPTOM = "(vomit|vomiting|throwing up|threw up|dizzy|sick|shaky|faint|racing|pounding|sweating|pale|sleepy|drowsy)";

const EN_IDIOMS: RegExp[] = (
  [
    / (dying|die|dead|kill|murder) (for|to) (a |an |my |one |some |just one )?(cig\w*|smoke|fag|puff|drag|vape|cofee|beer|drink|know|see|try|get|hear|tel|find|go)/g,
    / (could|would) (kill|murder|die) for /g,
    / (could|would|wil) murder (a|this|that) /g,
    / rather (die|be dead) than (go back|smoke|start|light|have|touch|pick up|buy)/g,
    / (almost|nearly) (had|have|having) a heart attack/g,
    / (gave|give|gives|giving) me a heart attack/g,
    / heart attack (when|at|over) /g,
    / laughed so hard i (could not|can not) breathe/g,
    / (took|takes) my breath away/g,
    / death of me /g,
  ] as RegExp[]
).map((re) => new RegExp(skeleton(re.source), re.flags));

/** Denials the member means ("I'm not suicidal"), and harm long past: removed before the rules run. */
const EN_NEGATIONS: { re: RegExp; selfHarm: boolean }[] = (
  [
    {
      re: / (not|never|no|nobody|no one|would not|will not|do not|did not|was not|am not|is not|have not)( (going|to|want|ever|even|once|realy|trying|thinking|of|about|thought|thoughts|plan|plans|intention|i|would|wil|be|any|feling|fel|like|a))* (kil|kiling|hurt|hurting|harm|harming|suicid\w*|self harm\w*|(end|ending|take|taking) my (own )?life|end it al)( myself)?/g,
      selfHarm: true,
    },
    {
      re: / (not|never|no|nobody|no one|would not|will not|do not|did not|was not|am not|is not|have not)( (going|to|want|ever|even|realy|trying|i|would|wil|be|any))* (die|hit|stab|swalow|swalowed|eat|ate|collapsed|having chest pain|chest pain|depresed)/g,
      selfHarm: false,
    },
    {
      re: / used to (self harm\w*|cut myself|hurt myself|cut)( \w+){0,4} (but|and) (i am )?(ok|okay|fine|beter|god|wel)/g,
      selfHarm: true,
    },
  ] as { re: RegExp; selfHarm: boolean }[]
).map(({ re, selfHarm }) => ({ re: new RegExp(skeleton(re.source), re.flags), selfHarm }));

const EN_RULES: Rule[] = [
  ...rules("en", "self-harm", "crisis", {
    "kill-self":
      " (kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|burn|burned|burnt|burning|shoot|shooting|hang|hanging|strangle|poison|starve|starving|drown|drowning|throw|throwing) (myself|herself|himself|themselves|yourself) ",
    suicide: " suicid",
    "self-harm": " self harm",
    "end-life": " (end|ending|ended|take|taking|took) (my|his|her|their) (own )?life",
    "end-it": " (end|ending) (it|it al|everything|things|this life) ",
    "want-die": " (want|wants|wanted|wanting|wish|wishes|like|ready|going|plan|planing|hope|deserve|need) (to )?die ",
    "going-jump": " (going to|about to|wil|want to|ready to) jump",
    "much-longer": " not be (a problem|a burden|around|here|bothering) .{0,30}(much |any )longer",
    "stop-forever": " (stop|end|over|gone) .{0,5}forever",
    "not-alive": " not (being|be) alive",
    "wish-dead": " (want|wish|wishing|rather|would rather) (i was |i were |to be |be )?dead ",
    "better-dead": " beter off dead",
    "not-born": " never ben born",
    "not-live": " (do not|not|no longer|dont) (want|wish|care) to (live|be alive|be here|exist|wake up|be around)",
    "tired-living": " (tired|sick) of (living|being alive|life|existing) ",
    "no-reason": " no (reason|point) (for me )?(to|in|for) (keep )?(live|living|go on|going on|be alive|being alive|keep going|exist)",
    "point-living": " point (of|in) (living|being alive|life) ",
    "not-worth": " (not|isnt|no longer) worth living",
    "without-me": " (beter off|happier|fine|beter|easier) without me",
    "nobody-miss": " (no one|nobody|noone) (would|wil|is going to) (notice|mis|care)",
    "mis-me": " (miss me|notice) if i (was|were|am) gone",
    "wasnt-around": " if i (was|were) not around",
    "cant-go-on": " can not (go on|keep going|do this anymore)( like this)?.* (life|living|die|alive|out)",
    "go-on": " can not go on",
    "never-wake": " (never|not|do not|dont) wake up",
    disappear: " disapear (forever|for god|for ever|permanently)",
    "stop-existing": " (stop|not) existing",
    "be-gone": " (want|wish) to be gone|just be gone| to be gone ",
    "ways-die": " (ways|way|how|method|methods) to (die|kil myself|end it)",
    painless: " painles (way|death|method)",
    lethal: " (lethal|fatal|deadly) dose",
    "how-much-kill": " how (many|much) .{0,40}(to die|would kil|to kil|kil a person|kil me|kil someone|kil you)",
    "take-to-die": " would it take to die",
    stockpile: " stockpil",
    "enough-pills": " enough (pils|meds|tablets|medication)",
    "pills-saved": " (pils|meds|tablets) (saved|stored|hidden|ready)",
    "whole-bottle": " (took|taken|swalowed|drank) (a|the|my) (whole|entire|ful) (botle|pack|box|packet)",
    overdose: " (overdose|overdosing|od on)",
    jump: " (jump|jumping|leap) (off|from|in front|out of)",
    "in-front": " in front of (a|the) (train|bus|car|truck|lory)",
    "step-off": " step (off|of) the (platform|ledge|rof|edge|bridge)",
    drive: " (drive|driving|crash|crashing) (my car )?(into|of|off) (a|the) (wal|tre|road|bridge|cliff)",
    rope: " (the|a|bought a|have the|got a) rope",
    wrist: " (slit|sliting|cut|cuting) (my |his |her )?wrist",
    note: " (suicide|goodbye|farewel) (note|leter)",
    letters: " leters to everyone",
    "last-message": " (my )?last mesage",
    "give-away": " giving (my|al my) (things|stuf|belongings|posesions) (away|to)",
    goodbye: " (said|say|saying) godbye to (my|everyone)",
    insurance: " life insurance",
    "not-around": " (wil not|not going to|do not think i wil|not) (be|stil be|be here|be around) (here|around|for|much)",
    "wont-be-here": " (i wil not|wil not) be here",
    bleach: " (drink|drank|drinking|swalow|swalowed) (some )?(bleach|pesticide|poison|antifreze|weedkiler)",
    "live-or-die": " (care|mater) if i (live|die)",
    "only-way": " only way out",
    "want-out": " want out of (this )?life",
    "living-painful": " living is (just )?(to |so )?(painful|unbearable|pointles|to hard)",
    "done-life": " done with (life|living) ",
    "give-up-living": " giving up on .{0,25}living| give up on life",
    "scratch-bleed": " (scratch|scratching|pick|picking) .{0,20}(bleed|blod)",
    "gun-self": " gun .{0,40}(myself|on me)",
    "mind-end": " made up my mind to (end|die)",
    "end-myself": " end myself",
    "on-purpose": " (crash|hurt|cut|burn|drown|overdose|crashing) .{0,30}on purpose",
    "take-all-pills": " (take|taking|swalow|swalowing) (al|every|the whole|a whole) .{0,15}(pils|tablets|meds|medication|painkilers)",
    "bleed-out": " bled out| bleed out",
    "on-edge": " (siting|sitting|standing|stod|sat) (on|at) (the |a |my )?(rof|ledge|edge|bridge|balcony|railing|rails|tracks)",
    "future-absent": " (not|do not|dont) (plan|planing|expect|intend|think)\\w* (on |to )?(being|be|to be|stil be) (here|around|alive)",
    "burden-for-good": " burden .{0,30}(for god|forever|anymore)",
    "kil-me-wish": " (wish|want) (someone|something) would kil me",
  }),
  ...rules("en", "medical-emergency", "crisis", {
    "chest-pain":
      " chest (pain|pains|hurts|hurt|is hurting|tight|tightnes|is tight|is realy tight|feels tight|presure|is pounding)|pain .{0,20}(in|acros|from) my chest| my chest (hurts|is (realy |so |very )?tight|feels like)",
    "on-chest": " (siting|sitting|weight|presure) on my chest",
    breathe:
      " (can not|could not|unable to|struggling to|trouble|dificulty|hard to|hardly) (breathe|breath|breathing|catch my breath|get air)",
    "not-breathing": " (is not|isnt|not|stoped|stopped) breathing",
    blue: " (lips|face|fingers) (are |is )?(turning |going )?(blue|purple|grey)",
    wheeze: " wheezing (bad|realy|a lot)",
    "heart-attack": " heart attack",
    stroke: " (having a|had a|think .{0,20}) stroke",
    droop: " (face|mouth|side) .{0,20}(droping|drops)| droping ",
    slur: " slured",
    numb: " (arm|left arm|side) (is |went |has gone |feels )?numb| numb (left )?arm",
    "talk-properly": " can not (talk|speak) properly",
    blood: " (coughing|cough|coughed|vomiting|throwing) (up )?blod",
    faint: " (fainted|pased out|pasing out|colapsed|unconscious|unresponsive|blacked out|pas out)",
    seizure: " (seizure|seizures|convulsing|convulsions|fiting)",
    swelling: " (throat|tongue|lips) (is |are )?(swelling|closing|swolen)| swelling up",
    "sweat-dizzy": " sweating and dizy",
    squeezed: " (heart|chest) .{0,30}(squeezed|crushed|crushing|presure|clamped|vice)",
    "barely-breathe": " (barely|hardly) (breathe|breath|breathing)",
    "not-responding": " (is not|not) (responding|waking up|moving)",
  }),
  ...rules("en", "poisoning", "crisis", {
    "child-ingested": ` ${CHILD} .{0,40}${INGEST} .{0,50}${NICOTINE_PRODUCT}| ${CHILD} .{0,20}(found|got) .{0,30}${NICOTINE_PRODUCT}.{0,30}${INGEST}`,
    "child-mouth": ` ${CHILD} .{0,40}${NICOTINE_PRODUCT} .{0,30}${INGEST}`,
    "child-sucking": ` ${CHILD} .{0,30}(sucking|chewing|licking) on .{0,20}${NICOTINE_PRODUCT}`,
    "too-much-nicotine": ` (two|three|four|five|several|multiple|many|\\d+|like \\d+|about \\d+) (patches|pieces|lozenges|pouches|pods) .{0,60}${SYMPTOM}`,
    "too-much": ` to (much|many) (nicotine|patches|gum|lozenges|pouches) .{0,60}${SYMPTOM}`,
    "liquid-skin": ` (e liquid|eliquid|vape juice|nicotine liquid) .{0,60}${SYMPTOM}`,
    pesticide: " (drank|drink|drinking|swalowed) (some )?(pesticide|poison|bleach|antifreze|weedkiler)",
  }),
  ...rules("en", "harm-to-others", "crisis", {
    // The member is the one who would do it ("I'll…", "going to…", "feel like…"): "does smoking harm my baby" is a question.
    "kill-person": ` (i|am|wil|would|could|going to|want to|like|of|about|to|might|realy)( \\w+)? (kill|stab|shoot|strangle|choke|murder|hurt|hit|beat|punch|attack|harm|hurting|hiting|kiling|stabing|beating) ${PERSON} `,
    "shoot-up": " shoot up (the|my) ",
    "make-pay": " make (him|her|them) pay",
    "where-lives": " know where (he|she|they) (lives|live)",
    "use-on": " use it on (him|her|them)",
    "burn-house": " burn (his|her|their) (house|car|place)",
    "hurt-baby": " (hurting|harming) (my )?(baby|child|kids)",
    "smash-face": " (smash|bash|break|cave|kick) (his|her|their) (face|head|skul|teth)",
    weapon: " (him|her|them|his|her) .{0,30}with a (bat|knife|hamer|gun|machete|bottle)",
  }),
  ...rules("en", "distress", "concern", {
    hopeles: " (hopeles|hopelesnes|no hope|losing hope|lost hope|lost al hope)",
    depresed: " (depresed|depresion|depresing)",
    "hate-self": " hate (myself|my life)",
    failure: " (failure|a failure|worthles|useles)",
    cope: " (can not|not|unable to) (cope|coping|handle)",
    crying: " (crying|cry every|can not stop crying|in tears)",
    lonely: " (alone|lonely|lonelines)",
    apart: " (falling apart|fel apart|breaking down)",
    overwhelmed: " (overwhelmed|anxious|anxiety|panic)",
    understands: " (nobody|no one) (understands|cares)",
    "cant-sleep": " can not slep",
    empty: " (empty|numb|trapped|broken|desperate|miserable) ",
    rope: " end of my rope",
    struggling: " (struggling|not ok|not okay)",
    mes: " (life|i am) (is )?a mes",
    low: " (feling|fel|felt) (so |realy |very )?low",
    "giving-up": " (giving up|give up)",
    dark: " dark place",
    drowning: " drowning in",
    snap: " snap at",
    punch: " (punch|smash|break) (a|the) wal",
    pointles: " (pointles|what is the point|whats the point|no point)",
    scream: " (want to|fel like) scream",
    "kil-me": " just kil me",
  }),
];

// ---------------------------------------------------------------- Vietnamese rules

const VI_CHILD = "(con|be|em be|chau|thang be|con be|con gai|con trai|tre|bon tre|tre con|cho|meo)";
const VI_INGEST = "(nuot|an|nhai|uong|liem|ngam|lay|nhet vao mieng)";
const VI_PRODUCT = "(nicotine|mieng dan|keo cao su|keo|vien ngam|tinh dau|vape|pod|dau loc|thuoc la|dieu thuoc|thuoc cai|lo tinh dau)";
const VI_SYMPTOM = "(non|chong mat|buon non|tim dap nhanh|run|lo do|xanh xao|ngat)";
const VI_SUBJECT = "(toi|em|anh|chi|minh|con|tao|chau|be|no|ban|ong|ba|co|chu|thang)";
const VI_IDIOM_ADJ =
  "(met|met moi|them|them thuoc|them dieu thuoc|them qua|buon ngu|dau dau|cay cu|nong|lanh|doi|chan|so|ngai|ghen ti|vui|dep|xau ho|nho|tuc|hoi hop|ban|kho chiu|ngua|ngu|cuoi|sot ruot|hoi|dau bung|dau lung|ket xe|ngat)";

const VI_IDIOMS: { re: RegExp; replace: string }[] = [
  { re: / chan doi /g, replace: " chandoi " },
  { re: / con them( nay| thuoc)?/g, replace: " cravings " },
  { re: / buon muon chet /g, replace: " buonlam " },
  { re: new RegExp(` ${VI_IDIOM_ADJ} (muon|den|gan) (chet|xiu|dien|dien len|ngat)`, "g"), replace: " idiom " },
  { re: / chet di duoc/g, replace: " idiom " },
  { re: new RegExp(` ${VI_IDIOM_ADJ} chet (mat|luon|roi)`, "g"), replace: " idiom " },
  { re: / chet (tiet|cha|me|thiet|that|khiep|do|me chet met|met) /g, replace: " idiom " },
  { re: /^ chet roi /g, replace: " idiom " },
  { re: / (giet|chet) (toi|minh|em|anh) (mat|luon|roi)?/g, replace: " idiom " },
  { re: / cravings .{0,15}(muon|den) chet/g, replace: " idiom " },
  { re: / (giet|giet chet) (thoi gian|cravings) /g, replace: " idiom " },
  { re: / (thuoc la|hut thuoc)( da)? (giet|lam chet) /g, replace: " idiom " },
  { re: / (muon|lam) (dung|ngung) tim /g, replace: " idiom " },
];

const VI_NEGATIONS: { re: RegExp; selfHarm: boolean }[] = [
  {
    re: / (khong|chua|chang|dau co|khong he|khong bao gio|se khong|khong phai)( (muon|co|y dinh|he|bao gio|nghi|den|toi|chuyen|ve|viec|phai|minh|em|se|di|dinh|the|tung|lam))* (tu tu|tu sat|tu van|lam hai|tu lam|chet|ket thuc cuoc doi|cai chet)/g,
    selfHarm: true,
  },
  {
    re: / (khong|chua|chang|khong he|khong bao gio|se khong)( (ai|co|bi|he|bao gio|lam|muon|toi|the))* (dau nguc|kho tho|nuot|an|danh|giet|ngat|tram cam|lay|lam hai|lam dau)/g,
    selfHarm: false,
  },
  {
    re: / (truoc day|tung|ngay xua) .{0,30}(tu lam dau|tu hai|tu tu|rach tay|cat tay).{0,30}(nhung|gio) .{0,15}(on|khoe|binh thuong|het)/g,
    selfHarm: true,
  },
];

const VI_RULES: Rule[] = [
  ...rules("vi", "self-harm", "crisis", {
    "tu-tu": " tu (tu|sat|sac) | tu tu$| tu ket lieu",
    "ket-lieu": " ket lieu (cuoc doi|doi|ban than|mang song|minh)",
    "tu-hai": " tu (lam )?(hai|dau|cat) (ban than|minh|chinh minh)| tu hai| tu lam dau",
    "muon-chet": ` (${VI_SUBJECT}|that|that su|rat|chi|lai|cung|van|dang|thuc su|toi that) (muon|mun|dinh|thich) chet|^ (muon|mun) chet| muon chet (qua|quach|di|cho|luon|lam)`,
    "chet-di": " chet (di )?(cho xong|cho roi|quach|thoi)| chet di (cho|thoi)",
    "khong-song":
      " (khong|chang|cha|khong con|khong thiet|chang thiet) (muon |thiet )?song (nua|tren doi)| khong thiet song| khong con muon song",
    "chan-song": " chan song",
    "song-khong-noi": " song khong noi| song (cung )?(chang|khong) (de )?lam gi| song lam gi",
    "ly-do-song": " (ly do|li do) (gi )?(de )?song",
    "ton-tai": " khong muon ton tai",
    "tha-chet": " tha chet",
    "cai-chet": " (nghi|nghi den|nghi toi|nghi ve) (den |toi |ve )?cai chet| chi co cai chet| cai chet (moi|se)",
    "giai-thoat": " giai thoat khoi (cuoc doi|cuoc song|doi)| chet .{0,20}(giai thoat|nhe nhom)",
    "without-me":
      " khong co (toi|em|minh|anh|con)( thi)? .{0,30}(tot hon|on|nhe nhom|hanh phuc)| (tot hon|nhe nhom hon|on) khi (khong co|toi di|em di|minh di|toi chet)| ganh nang .{0,30}khong co",
    "neu-chet": " (neu|khi) (toi|em|minh|anh|con) chet",
    "bien-mat": " bien mat (khoi|mai|vinh vien)| (nen|muon) bien mat",
    "khong-tinh": " khong bao gio (tinh |thuc )?(day|tinh|thuc)| khong (muon )?thuc day",
    // "mua thuốc" alone is buying cigarettes: only sleeping pills or a rope bought for it count.
    "chuan-bi": " chuan bi (san )?(day|thuoc|dao)| mua (san )?(day thung|thuoc ngu|dao)",
    "tich-thuoc": " tich (du|du|nhieu) thuoc| du thuoc roi",
    "uong-thuoc":
      " uong (het|ca lo|ca vi|ca hop|that nhieu|nhieu|mot lan) .{0,20}thuoc| uong het (ca )?(lo|vi|hop)| thuoc ngu .{0,30}(uong|het|bao nhieu|chet)",
    nhay: " nhay (lau|cau|song|xuong)| lao (xe|dau|minh) (xuong|vao)| dam dau vao",
    "treo-co": " treo co",
    "rach-tay": " (rach|cat) (tay|co tay)",
    "di-thuoc": " di (dau )?(thuoc la|dieu thuoc) vao (tay|nguoi|da)",
    "thu-tuyet-menh": " thu (tuyet menh|tuf? biet)| tuyet menh| tin nhan cuoi cung| (dan do|tu biet) .{0,40}(khong co toi|xong|roi)",
    "ket-thuc": " (ket thuc|cham dut|dung lai) (tat ca|moi chuyen|moi thu|cuoc doi|cuoc song|het)| cham dut cuoc",
    "khong-con": " (khong con o day|khong con (nua|song) (dau|lau)|(toi|em|minh) (se )?khong con nua)",
    "cach-chet": " cach (de )?chet| bao nhieu .{0,30}(thi|de|se) chet| gay chet nguoi",
    "song-hay-chet": " song hay chet",
    "sinh-ra": " chua tung (duoc )?sinh ra| (uoc|uoc gi) .{0,20}(chet|khong duoc sinh)",
    "cho-do": " cho het do dac",
    "thuoc-tru-sau": " thuoc tru sau",
    "ket-thuc-doi": " ket thuc cuoc doi",
    "tu-van-accented": " tu van ",
    "tren-doi": " khong con (toi|em|minh|anh|con) (tren doi|nua)",
    "tren-lan-can": " (ngoi|dung|treo) (tren|o) (lan can|san thuong|mep|thanh cau|noc nha|cau)",
    "tu-dam": " tu (dam|lao|dam) (xe|dau|vao)",
    "luyen-tiec": " (chang|khong) con (gi|ai) (de )?(luyen tiec|niu keo|luu luyen|thiet tha)",
  }),
  ...rules("vi", "medical-emergency", "crisis", {
    "dau-nguc": " (dau|tuc) (that )?nguc| nguc (toi )?(dau|nhu co|bi dau)",
    "kho-tho": " (khong|kho|kho ma) tho (duoc|noi)?| kho tho| tho (khong|chang) (noi|ra hoi|duoc)",
    "nhoi-mau": " nhoi mau( co ti)?| dau tim| dot quy",
    ngat: " ngat( xiu)?| bat tinh| xiu (roi|di)",
    "co-giat": " co giat",
    "ho-mau": " (ho|non) ra mau",
    meo: " meo (mieng|mat|mot ben)| noi ngong| noi khong ro",
    te: " (tay|chan) (trai |phai )?(bi )?te| te (liet|mot ben)",
    "tim-dap": " tim dap (rat |qua )?nhanh .{0,30}(nguc|ngat|xiu)",
    "moi-tim": " (moi|mat) (toi )?tim (tai)?| tim tai",
    sung: " (hong|co hong|luoi|moi) (bi )?sung",
    "bop-nghet": " (tim|nguc) .{0,20}(bop nghet|bop chat|de nang)",
    "khong-phan-ung": " khong (phan ung|tinh lai|cu dong)",
    "tai-xanh": " tai (xanh|tim|nhot)",
  }),
  ...rules("vi", "poisoning", "crisis", {
    "tre-nuot": ` ${VI_CHILD} .{0,30}${VI_INGEST} .{0,30}${VI_PRODUCT}`,
    "qua-nhieu": ` (dan|nhai|ngam|dung) (\\d+|hai|ba|bon|nam|nhieu|muoi) (mieng|vien|goi) .{0,60}${VI_SYMPTOM}`,
    "uong-tru-sau": " (uong|nuot) .{0,10}(thuoc tru sau|thuoc diet chuot|thuoc chuot)",
  }),
  ...rules("vi", "harm-to-others", "crisis", {
    "giet-nguoi":
      " (muon|se|dinh|da|viec|sap|phai) (\\w+ )?(giet|dam|ban|danh chet|danh|bop co|lam hai|lam dau|dot nha) (no|han|chong|vo|con|sep|thang|nguoi|ai|bo|me|anh|chi|em|ho|hang xom|ban)",
    "dot-nha": " dot nha (no|han|ho)",
    dao: " (cam dao|mot dao|bang dao)| biet tay",
    "nhu-tu": " nhu tu| (danh|dap) (cho )?(no|han|ho) (chet|tan|nat)",
  }),
  ...rules("vi", "distress", "concern", {
    "tuyet-vong": " (tuyet vong|vo vong|mat het hy vong|mat het hi vong|het hy vong)",
    "tram-cam": " tram cam",
    "ghet-ban-than": " ghet ban than",
    "that-bai": " (that bai|vo dung|te hai)",
    "chiu-noi": " (khong|chiu het) (chiu )?noi",
    khoc: " khoc",
    "co-don": " co don",
    "sup-do": " sup do",
    "lo-au": " (lo au|hoang loan|cang thang|stres|rối boi|roi boi)",
    "de-lam-gi": " de lam gi (chu|ca)",
    "khong-ai": " (chang|khong) ai (hieu|quan tam|can)",
    "trong-rong": " trong rong",
    "be-tac": " be tac",
    "kiet-suc": " kiet suc",
    "khung-hoang": " khung hoang",
    buon: " (buonlam|buon lam|buon qua)",
    "chan-nan": " chan nan",
    "bo-cuoc": " bo cuoc",
    "cau-con": " cau voi con",
    "dap-pha": " dap pha",
    chandoi: " chandoi ",
    "vo-nghia": " vo nghia",
  }),
];

// ---------------------------------------------------------------- general word families
// Written from the issue's categories, not from any labelled row: a family of words for the act,
// one for its object, a few words of slack between them ("kill … myself", "chest … tight"), so
// phrasings nobody listed still meet. `near(a, b)` is " a", up to `gap` words, then " b".
// Slack words never span a neutralised idiom or denial (" idiom ", " ~ ").
const near = (a: string, b: string, gap = 3) => ` ${a}( (?!idiom )\\w+){0,${gap}} ${b}`;
const both = (a: string, b: string, gap = 3) => `${near(a, b, gap)}|${near(b, a, gap)}`;

const EN_SELF_ACT =
  "(kill|kiling|kiled|kils|hurt|hurting|harm|harming|cut|cuting|burn|burning|poison|poisoning|hang|hanging|drown|drowning|shoot|shooting|stab|stabing|starve|starving|strangle|suffocate|end|ending|destroy|unalive)";
const EN_REFLEXIVE = "(myself|meself)";
const EN_WANTING =
  "(want|wants|wanted|wanting|wish|wishing|wished|ready|tempted|decided|deciding|planing|plan|plans|plotting|thinking of|thinking about|thought about|considering|urge|urges|longing|hope|hoping|going to|about to|tried to|trying to)";
const EN_DEATH =
  "(die|be dead|end it|end it al|end my life|end things|kil myself|not wake up|never wake up|stop living|stop breathing|disapear for god|be gone for god)";
const EN_PILLS = "(pils|tablets|meds|medication|painkilers|paracetamol|tylenol|sleping pils|sleping tablets|antidepresants|insulin)";
const EN_HEIGHT = "(bridge|rof|rooftop|ledge|cliff|balcony|tracks|train tracks|platform|building|window|overpas|car park)";
const EN_BODY = "(arm|arms|wrist|wrists|skin|thigh|thighs|leg|legs|stomach|body)";
const EN_CHILD_WIDE = `(${CHILD.slice(1, -1)}|grandkid|grandkids|grandchild|kiddo|boy|girl|\\d+ year old|\\d+yo|two year old|thre year old|one year old|the litle)`;
const EN_INGEST_WIDE = `(${INGEST.slice(1, -1)}|put .{0,12}in (his|her|their) mouth|bit into|biting|chomped|chomping|gnawed|gnawing|tasted|drank from|drunk from|sucked on|swalowed some|mouthful)`;
const EN_PRODUCT_WIDE = `(${NICOTINE_PRODUCT.slice(1, -1)}|refil|refils|cartridge|cartridges|cart|nicorette|snus|zyn|vape liquid|vape oil|botle of liquid|nic)`;

const EN_GENERAL_RULES: Rule[] = [
  ...rules("en", "self-harm", "crisis", {
    "act-on-self": near(EN_SELF_ACT, EN_REFLEXIVE, 3),
    "wanting-death": near(EN_WANTING, EN_DEATH, 4),
    "pills-all": near(
      "(take|taking|took|swalow|swalowing|swalowed|down|downing|pop|poping|ate|eat)",
      `(al|whole|entire|handful|bunch|rest of|every|enough)( \\w+){0,3} ${EN_PILLS}`,
      3,
    ),
    "pills-hoard": both("(stash|stashing|hoard|hoarding|saved up|saving up|saving|colected|colecting|stockpil\\w*)", EN_PILLS, 4),
    height: both("(jump|jumping|leap|leaping|step off|throw myself|fal)", EN_HEIGHT, 4),
    "blade-body": `${near("(razor|razors|blade|blades|knife|glas)", `(myself|my ${EN_BODY})`, 5)}|${near("(cut|cuting|carve|carving|slice|slicing|scratch|scratching)", `my ${EN_BODY}`, 2)}`,
    finality:
      " (tonight|today|tomorow|this weekend) (is|wil be) (the|my) (last|final|end)| (my|the) last (night|day|week) (alive|on earth|of my life)| (final|last) (goodbye|farewel|words)| (after|when|once) i am gone| (wil not|never) (se|be seing) (you|anyone|them|my \\w+) (again|anymore|tomorow)",
    affairs:
      " (sorted|sorting|put|puting|get|geting) (out )?my (afairs|wil|things in order|afairs in order)| (wrote|writing|written) (a |my )?(wil|leters|leter|note)( \\w+){0,2} (to|for) (everyone|my|them)| (take|taking) care of (my|the) (kids|children|dog|cat|family|pets) (for me|when i|after i|once i)",
    "without-me-wide": near(
      "(beter|easier|happier|fine|relieved|lighter|simpler)",
      "(without me|if i (was|were|am) (gone|dead|not here|not around|never born))",
      4,
    ),
    "nothing-to-live":
      " nothing (left )?(to live for|worth living for)| no (reason|point) (\\w+ ){0,2}(to live|living|to go on|to keep going)",
    "gas-method": " (head|myself) in the (oven|gas)| (turn|turned|leave|left) on the gas| (exhaust|hose|fumes) .{0,30}(garage|car|myself)",
    "chose-place":
      " (picked|chose|chosen|found|scouted|decided on) (the|a|my) (spot|place|day|date|time|method|way|bridge|rope) (where|when|how|to)( i wil| i am going to| i can)?( finaly)? (do it|end it|jump|die)",
    replacement:
      " deserve (a )?beter (\\w+ ){0,2}than me .{0,40}(soon|without me|after|once i|when i)| (have|get|find) (a new|another|a beter) (\\w+ )?(dad|mum|mom|father|mother|husband|wife|partner) (soon|when i am gone|after)",
    peace: " (finaly|at last) (get|be at|find|have|rest in) (some )?peace",
    "sleep-forever": near("(slep|sleping|go to slep|close my eyes)", "(forever|for ever|for god|and never|and not wake|permanently)", 3),
  }),
  ...rules("en", "medical-emergency", "crisis", {
    "chest-family": `${both("chest", "(pain|pains|hurt|hurts|hurting|ache|aching|tight|tightnes|presure|heavy|heavines|squeez\\w*|crush\\w*|burning|stabing|sharp|clenched|elephant)", 3)}|${near("heart", "(pain|presure|squeez\\w*|crush\\w*|stabing|clenched|seizing)", 2)}`,
    "breath-family": `${near("(can not|could not|unable to|struggling to|struggle to|hard to|trouble|dificulty|hardly|barely|fighting to)", "(breathe|breath|breathing|get air|get enough air|catch my breath)", 2)}| gasping (for )?(air|breath)| (choking|suffocating)| short of breath| (throat|airway|lungs)( \\w+){0,2} (closing|closed|shut|seizing)`,
    "left-arm": both("left (arm|side)", "(numb|numbnes|tingl\\w*|pain|hurt|hurts|heavy|ache|dead)", 3),
    "heart-plus": near(
      "heart (is )?(racing|pounding|skiping|jumping|bea\\w*)",
      "(chest|faint|pas out|pasing out|black out|dizy|breath|breathe|colapse)",
      6,
    ),
    "heart-stopped":
      " heart (\\w+ ){0,2}(stoped|stoping)| (i am|lying|colapsed|fel) (down )?on the flor| (everything|the rom) (is )?spining",
    "collapse-wide": " (colapsed|colapsing|fel down and|went limp|is limp|turned blue|going blue|not waking|wil not wake|can not wake)",
  }),
  ...rules("en", "poisoning", "crisis", {
    "child-product-wide": `${near(EN_CHILD_WIDE, `${EN_INGEST_WIDE}( \\w+){0,6} ${EN_PRODUCT_WIDE}`, 6)}|${near(EN_PRODUCT_WIDE, `${EN_CHILD_WIDE}( \\w+){0,4} ${EN_INGEST_WIDE}`, 6)}`,
    "self-ingested-liquid": near(
      "(i|he|she|we) (swalowed|drank|drunk|ate|chugged|downed)",
      "(e liquid|eliquid|vape juice|vape liquid|nicotine liquid|refil|cartridge|pod|patch|patches)",
      3,
    ),
    "poison-control": " poison (control|centre|center|hotline|line)",
  }),
  ...rules("en", "harm-to-others", "crisis", {
    "threat-wide": near(
      "(i|i wil|i am going to|i want to|i could|i might|i swear|i am about to|i fel like|i am gona)",
      `(kill|kil|stab|shoot|strangle|choke|murder|beat|punch|smash|attack|slap|hit|knife|poison|batter|run over)( \\w+){0,2} ${PERSON}`,
      5,
    ),
    senseles: " (beat|kick|punch|smash) (\\w+ ){0,2}(senseles|to a pulp|black and blue|unconscious)",
    "weapon-wide": near(
      "(get|grab|bring|buy|fetch|take|pick up|got|bought) (a|my|the|his) (knife|gun|bat|hamer|machete|blade|axe)",
      "(him|her|them|his|her|their|at work|tomorow)",
      6,
    ),
  }),
  ...rules("en", "distress", "concern", {
    burden: " (a )?burden (to|on|for) ",
    "cant-take": " can not (take|stand|handle|bear) (it|this|any of this)( \\w+){0,2} (anymore|any more|much longer)",
    "no-future": " (no|se no|do not se a) future",
  }),
];

const VI_SELF = "(toi|em|minh|anh|chi|con|tao|chau|tui)";
// Stricter than VI_INGEST/VI_CHILD for word-gap rules: bare "ăn" is also "an toàn" (safe), "chó" also "cho" (for).
const VI_INGEST_STRICT = "(nuot|nuot phai|an phai|an vao|an mat|an het|nhai|uong|uong phai|liem|ngam|mut|can)";
const VI_CHILD_STRICT = "(con|be|em be|chau|thang be|con be|con gai|con trai|tre|bon tre|tre con|con cho|con meo)";
const VI_GENERAL_RULES: Rule[] = [
  ...rules("vi", "self-harm", "crisis", {
    "self-death": near(
      VI_SELF,
      "(muon|mun|dinh|se|sap|thich|quyet dinh|nghi den|nghi toi) (\\w+ ){0,2}(chet|tu tu|tuf tu|ket lieu|ra di mai mai|bien mat mai mai|khong tinh day)",
      3,
    ),
    forever: " (ra di|di|ngu|nham mat|bien mat|nghi|yen nghi)( \\w+){0,2} (mai mai|vinh vien|khong tro lai|khong bao gio tinh|khong day)",
    "ngu-khong-day": near("ngu", "(khong bao gio|khong|chang) (\\w+ )?(day|tinh|thuc)", 3),
    "gan-nang": `${near("ganh nang", "(moi nguoi|gia dinh|ca nha|tat ca|bo me|vo con|chong con)", 4)}|${near("(moi nguoi|gia dinh|ca nha|bo me)", "(tot hon|nhe nhom|hanh phuc hon|de tho hon)( \\w+){0,4} (khong co|neu toi|neu em|neu minh|khi toi|khi em)", 6)}`,
    "khong-muon-song": near("(khong|chang|cha|het) (muon|thiet|con muon|con thiet)", "(song|ton tai|thuc day|tinh day|o tren doi)", 2),
    "thuoc-het": `${near("(uong|nuot|nhai|lay)", "(het|toan bo|mot nam|ca lo|ca vi|ca hop|ca nam)( \\w+){0,2} (thuoc|vien)", 3)}|${near("(tich|gom|giau|tru) (\\w+ )?(thuoc|vien)", "(ngu|an than|giam dau|de|roi|du)", 4)}`,
    "do-cao": both(
      "(nhay|lao|buong minh|gieo minh)",
      "(cay cau|cau song|cau vuot|thanh cau|lau|san thuong|cua so|ban cong|toa nha|vuc|song|duong ray)",
      4,
    ),
    "dao-tay": near("(dao|dao lam|luoi lam|mieng kinh|manh kinh)", "(tay|co tay|dui|nguoi|da|ban than)", 4),
    "loi-cuoi":
      " (vinh biet|loi tu biet|loi cuoi|lan cuoi cung|lan cuoi)( \\w+){0,3} (moi nguoi|gia dinh|ca nha|tat ca|ban be|noi|gap|nhan)| (tam biet|chao) (moi nguoi|tat ca|ca nha)( \\w+){0,2} (mai mai|lan cuoi|vinh vien)",
    "chon-cho": " (da )?(chon|tim|chuan bi) (duoc |xong |san )?(cho|noi|ngay|cach|gio) (de )?(lam|ket thuc|ra di|nhay)(?! viec| an| bai)",
    "nguoi-thay": " (se )?(som )?co (nguoi|mot nguoi) (bo|me|chong|vo|cha) (moi|khac|tot hon)",
    "lo-giup":
      " (lo|cham soc|nuoi) (giup|ho) (toi|em|minh)? ?(con|cac con|bo me|me|bo|con meo|con cho)( \\w+){0,3} (khi|sau khi|neu) (toi|em|minh) (di|chet|khong con)",
  }),
  ...rules("vi", "medical-emergency", "crisis", {
    "nguc-family": both("nguc", "(dau|tuc|that|bop|nang|de|nhoi|buot|chat|nhu co|nhu bi)", 3),
    "tho-family": ` (ngop|nghet|hut hoi|thieu oxy|ngat tho)|${near("tho", "(khong duoc|khong noi|khong ra|kho|rat kho|khong ra hoi|dut hoi)", 2)}|${near("(khong|kho|chang) (the )?", "tho", 1)}`,
    "tay-trai": both("(tay|vai|ham) trai", "(te|dau|nang|buot|mat cam giac)", 3),
    "tim-plus": near("tim (dap )?(nhanh|manh|loan|thinh thich)", "(nguc|ngat|xiu|choang|kho tho|vang)", 6),
    "dot-quy-dau-hieu":
      " (mat|mieng) (bi )?(lech|meo|xe)| (tu nhien|dot nhien) .{0,20}(noi lap|noi ngong|noi khong ro|yeu mot ben|te mot ben)",
    "tim-ngung":
      " tim (nhu |nhu muon |bong )?(ngung|ngung dap|ngung lai|dung lai)| nam (duoi|tren) san .{0,40}(quay|tim|nguc|tho|dau)| quay cuong .{0,30}(tim|nguc|nga|san)",
    guc: " (guc|nga guc|nga xuong|lim di|mem nhun|khong day duoc|goi khong day|goi khong tinh)",
  }),
  ...rules("vi", "poisoning", "crisis", {
    "tre-san-pham": `${near(VI_CHILD_STRICT, `${VI_INGEST_STRICT}( \\w+){0,5} ${VI_PRODUCT}`, 5)}|${near(VI_PRODUCT, `${VI_CHILD_STRICT}( \\w+){0,4} ${VI_INGEST_STRICT}`, 6)}|${near(VI_CHILD_STRICT, `(cho|bo|nhet|ngam) ${VI_PRODUCT}( \\w+){0,3} vao mieng`, 5)}`,
    "nguoi-lon-uong": near("(toi|em|minh|anh|chi|ong|ba) (lo )?(uong|nuot)", "(tinh dau|dau vape|nicotine|mieng dan)", 4),
    "chong-doc": " (chong doc|ngo doc|trung doc|cap cuu doc)",
  }),
  ...rules("vi", "harm-to-others", "crisis", {
    "de-doa": near(
      "(toi|tao|em|minh|anh) (se|muon|dinh|the|sap|phai|chac)",
      "(giet|dam|chem|ban|danh chet|bop co|xu dep|lam thit|tat axit|dot) (no|han|chong|vo|con|sep|thang|nguoi|ai|bo|me|anh|chi|em|ho|hang xom|ban|may)",
      3,
    ),
    "vu-khi": near("(lay|mua|cam|mang) (dao|sung|gay|bua|rua|axit)", "(no|han|ho|chong|vo|sep|thang|may|nha no)", 6),
  }),
  ...rules("vi", "distress", "concern", {
    "ganh-nang": " ganh nang",
    "het-chiu": " (het chiu|khong chiu duoc|khong the chiu|chiu khong noi)",
    "khong-tuong-lai": " (khong co|chang co|het) (tuong lai|loi thoat|duong lui)",
  }),
];

// ---------------------------------------------------------------- assessment

const CRISIS_ORDER: SafetyCategory[] = ["self-harm", "poisoning", "medical-emergency", "harm-to-others"];

/** A general question about a symptom ("Does quitting cause chest pain?") is not a report of one. */
const EN_GENERAL_QUESTION =
  /^ (does|do|can|could|will|is it|are|why does|why do|would|should) (?!i |my ).*(cause|give|make|normal|mean|side efect)/;
const VI_GENERAL_QUESTION = / co (lam|gay|bi|khien) .{0,40}khong $/;
/** A symptom getting better ("my chest feels less tight", "ngực đỡ tức hơn") is not an emergency. */
const EN_EASING =
  / (les|no longer|not (hurting|tight|painful|sore|as bad)( anymore| any more)?|(?<!not |no |not geting |isnt geting )beter|easier|eased|easing|improving|improved|gone away|went away|normal again) /;
/** …unless it says it is not easing: "my chest hurts and it is not getting better". */
const EN_WORSENING = / (not (geting |any )?beter|no beter|not easing|not improving|wors|worse|worst) /;
const VI_EASING = / (do (\w+ ){0,2}hon|da do|do nhieu|de tho hon|bot|giam|on hon|binh thuong lai|khong (con )?(dau|tuc|nhoi|that) nua) /;
const VI_WORSENING = / (khong (do|bot|giam)|nang hon|te hon|dau hon|kho tho hon) /;
const FIRST_PERSON_NOW = / (i am|i have|my chest|right now|now|i can not) /;

function run(
  form: string,
  lang: "en" | "vi",
  idioms: { re: RegExp; replace: string }[],
  negations: { re: RegExp; selfHarm: boolean }[],
  ruleSet: Rule[],
  accented: boolean,
): { hits: Rule[]; deniedSelfHarm: boolean; neutralised: boolean } {
  let text = form;
  let neutralised = false;
  for (const idiom of idioms) {
    const next = text.replace(idiom.re, idiom.replace);
    if (next !== text) neutralised = true;
    text = next;
  }
  let deniedSelfHarm = false;
  for (const negation of negations) {
    const next = text.replace(negation.re, " ~ ");
    if (next !== text && negation.selfHarm) deniedSelfHarm = true;
    text = next;
  }
  const generalQuestion = lang === "en" ? EN_GENERAL_QUESTION.test(text) && !FIRST_PERSON_NOW.test(text) : VI_GENERAL_QUESTION.test(text);
  const easing = lang === "en" ? EN_EASING.test(text) && !EN_WORSENING.test(text) : VI_EASING.test(text) && !VI_WORSENING.test(text);
  const hits = ruleSet.filter((rule) => {
    if (rule.category === "medical-emergency" && (generalQuestion || easing)) return false;
    // Without accents "tu tu" may be "từ từ" (slowly) and "tu van" "tư vấn" (advice): ask for a speaker's context.
    if (lang === "vi" && !accented && rule.id === "vi.self-harm.tu-tu") {
      return (
        / (muon|dinh|se|nghi|y dinh|chuyen|viec|ve|thu|tinh|toi|em|minh|anh|con|tao|den|toi) tu (tu|sat|sac) /.test(text) ||
        / tu (sat|sac) /.test(text)
      );
    }
    if (rule.id === "vi.self-harm.tu-van-accented") return lang === "vi" && accented && rule.re.test(text);
    return rule.re.test(text);
  });
  return { hits, deniedSelfHarm, neutralised };
}

export function assessSafety(text: string, locale: "en" | "vi"): SafetyAssessment {
  const accented = hasDiacritics(text);
  const english = run(
    englishForm(text),
    "en",
    EN_IDIOMS.map((re) => ({ re, replace: " idiom " })),
    EN_NEGATIONS,
    [...EN_RULES, ...EN_GENERAL_RULES],
    accented,
  );
  const vietnamese = run(vietnameseForm(text), "vi", VI_IDIOMS, VI_NEGATIONS, [...VI_RULES, ...VI_GENERAL_RULES], accented);
  const [first, second] = locale === "vi" ? [vietnamese, english] : [english, vietnamese];
  const hits = [...first.hits, ...second.hits];

  const crisis = hits.filter((rule) => rule.level === "crisis");
  const categories = new Set<SafetyCategory>();
  const reasons: string[] = [];
  if (crisis.length > 0) {
    for (const category of CRISIS_ORDER) if (crisis.some((rule) => rule.category === category)) categories.add(category);
    reasons.push(...crisis.map((rule) => rule.id));
    if (hits.some((rule) => rule.category === "distress")) categories.add("distress");
    return { level: "crisis", categories: [...categories], reasons };
  }
  const concern = hits.filter((rule) => rule.level === "concern");
  if (concern.length > 0 || first.deniedSelfHarm || second.deniedSelfHarm) {
    reasons.push(...concern.map((rule) => rule.id));
    if (first.deniedSelfHarm || second.deniedSelfHarm) reasons.push(`${locale}.distress.denied-self-harm`);
    return { level: "concern", categories: ["distress"], reasons };
  }
  return { level: "none", categories: [], reasons: [] };
}
