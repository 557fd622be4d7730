import type { FieldDefinition, FormSetData } from "./form-schema.ts";

/**
 * Edition 323/2019 of the 323 form set, transcribed from ../shared/spec/forms-323.md.
 * Field codes, rule ids and labels are the spec's; loadFormSet() validates this at load.
 */

type Units = [zh: string, en: string];
/** A unit of input, with the ceiling of one county's figure (or one 教扶06 row's) in it: the field's `max`. */
type InputUnits = [zh: string, en: string, max: number];
// Ceilings are set well above any real county of Shandong, and low enough that the province's total at
// every ceiling (137 counties, or 16 × 200 rows of 教扶06) is an exact integer: counts far below 2^53, money in hundredths too.
/** No county-level division has a million pupils or teachers (the most populous has about two million residents). */
const PERSONS: InputUnits = ["人", "persons", 1_000_000];
/** Person-times are cumulative since 2016 and may count one person several times a year: ten times the persons ceiling. */
const PERSON_TIMES: InputUnits = ["人次", "person-times", 10_000_000];
/** A county has a few hundred schools; the province built or extended 661 schools and 1656 kindergartens in all. */
const SCHOOLS: InputUnits = ["所", "schools", 10_000];
/** Pairs, teams, rooms and projects are counted like schools (the province had 3941 pairs and 3940 care rooms in all). */
const PAIRS: InputUnits = ["个", "pairs", 10_000];
const TEAMS: InputUnits = ["个", "teams", 10_000];
const ROOMS: InputUnits = ["个", "rooms", 10_000];
const PROJECTS: InputUnits = ["项", "projects", 10_000];
/** 100亿元 per county: the province's whole investment in weak schools to 2019 was 18.66亿元, its student aid 9亿元. */
const TEN_THOUSAND_YUAN: InputUnits = ["万元", "10k yuan", 1_000_000];
/** 10 km² of buildings or sports grounds per county: the province built about 2.5 km² of both to 2019. */
const SQUARE_METRES: InputUnits = ["平方米", "m²", 10_000_000];
const PERCENT: Units = ["%", "%"];

function input(code: string, labelZh: string, labelEn: string, type: "int" | "dec2", [unitZh, unitEn, max]: InputUnits): FieldDefinition {
  return { code, labelZh, labelEn, type, max, aggregation: "sum", unitZh, unitEn };
}
function computed(
  code: string,
  labelZh: string,
  labelEn: string,
  type: "int" | "ratio" | "real",
  formula: string,
  units?: Units | InputUnits,
): FieldDefinition {
  return { code, labelZh, labelEn, type, formula, aggregation: "recompute", ...(units ? { unitZh: units[0], unitEn: units[1] } : {}) };
}
/** A person's name, or two: Chinese names run to four characters, transliterated ones to a few dozen. */
const NAME_LENGTH = 50;
/** A university's or a township's full name: the longest in Shandong are under 30 characters. */
const PLACE_LENGTH = 100;

function text(code: string, labelZh: string, labelEn: string, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { code, labelZh, labelEn, type: "text", aggregation: "none", ...extra };
}
/** "a cumulative figure is lower than the previous period's accepted figure", one check per field. */
function notBelowPrevious(...codes: string[]): string[] {
  return codes.map((code) => `${code} >= prev(${code})`);
}

export const formSet2019: FormSetData = {
  edition: "323/2019",
  titleZh: "教育精准扶贫“323”工程统计报表",
  titleEn: "Education poverty alleviation “323” statistical report",
  authorityZh: "山东省教育厅",
  authorityEn: "Shandong Department of Education",
  documentNumber: "鲁教统字〔2019〕323号",
  validUntil: "2020-12-31",
  explanationMinLength: 5,
  phonePattern: "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$",
  sheets: [
    {
      code: "封面",
      kind: "cover",
      titleZh: "封面",
      titleEn: "Cover",
      fields: [
        text("C_UNIT", "填报单位", "Reporting unit", { prefill: "prefectureName" }),
        text("C_PERIOD", "报告期", "Period", { prefill: "period" }),
        text("C_HEAD", "单位负责人", "Head of unit", { maxLength: NAME_LENGTH }),
        text("C_STAT_HEAD", "统计负责人", "Head of statistics", { maxLength: NAME_LENGTH }),
        text("C_FILLER", "填表人", "Filled in by", { maxLength: NAME_LENGTH }),
        text("C_PHONE", "联系电话", "Telephone", { type: "phone" }),
        text("C_DATE", "报出日期", "Date of report", { type: "date" }),
      ],
      rules: [
        {
          id: "R00.1",
          severity: "error",
          titleZh: "报出日期应在报告期年度内或次年上半年",
          titleEn: "The report date lies in the period's year or the first half of the next year",
          checks: ["year(C_DATE) = PERIOD or (year(C_DATE) = PERIOD + 1 and month(C_DATE) <= 6)"],
        },
      ],
    },
    {
      code: "教扶01",
      kind: "grid",
      formNumber: "教扶01表",
      titleZh: "建档立卡贫困教育人口",
      titleEn: "Registered poor education population",
      unitZh: "人",
      fields: [
        input("E01_PRE", "学前教育", "Preschool", "int", PERSONS),
        input("E01_CMP", "义务教育", "Compulsory education", "int", PERSONS),
        input("E01_GHS", "普通高中", "General senior high", "int", PERSONS),
        input("E01_SVE", "中等职业教育", "Secondary vocational", "int", PERSONS),
        input("E01_HED", "高等教育", "Higher education", "int", PERSONS),
        computed("E01_TOT", "合计", "Total", "int", "E01_PRE + E01_CMP + E01_GHS + E01_SVE + E01_HED", PERSONS),
      ],
      rules: [
        {
          id: "R01.1",
          severity: "error",
          titleZh: "合计等于五个学段之和",
          titleEn: "The total equals the sum of the five stages",
          checks: ["E01_TOT = E01_PRE + E01_CMP + E01_GHS + E01_SVE + E01_HED"],
        },
        {
          id: "R01.2",
          severity: "warning",
          titleZh: "与上期通过数相比变动超过50%",
          titleEn: "Changed by more than 50% against the previous period's accepted figure",
          checks: ["E01_PRE", "E01_CMP", "E01_GHS", "E01_SVE", "E01_HED"].map((code) => `abs(${code} - prev(${code})) <= 0.5 * prev(${code})`),
        },
      ],
    },
    {
      code: "教扶02",
      kind: "grid",
      formNumber: "教扶02表",
      titleZh: "义务教育薄弱学校改造",
      titleEn: "Renovation of weak compulsory schools",
      cumulative: true,
      fields: [
        input("E02_INV_PLAN", "规划总投入", "Planned investment", "dec2", TEN_THOUSAND_YUAN),
        input("E02_INV_DONE", "累计完成投资", "Investment completed", "dec2", TEN_THOUSAND_YUAN),
        computed("E02_INV_RATE", "投资完成率", "Completion rate", "ratio", "E02_INV_DONE / E02_INV_PLAN", PERCENT),
        input("E02_BLD_PLAN", "规划校舍建设面积", "Planned school building area", "int", SQUARE_METRES),
        input("E02_BLD_DONE", "已建校舍面积", "School building area built", "int", SQUARE_METRES),
        input("E02_FLD_PLAN", "规划运动场面积", "Planned sports ground area", "int", SQUARE_METRES),
        input("E02_FLD_DONE", "已建运动场面积", "Sports ground area built", "int", SQUARE_METRES),
        input("E02_EQP_PLAN", "规划设备购置", "Planned equipment purchase", "dec2", TEN_THOUSAND_YUAN),
        input("E02_EQP_DONE", "已完成设备购置", "Equipment purchased", "dec2", TEN_THOUSAND_YUAN),
        input("E02_SCH", "新建、改扩建学校", "Schools built or extended", "int", SCHOOLS),
      ],
      rules: [
        {
          id: "R02.1",
          severity: "warning",
          titleZh: "完成数超过规划数的150%",
          titleEn: "Done exceeds 150% of plan",
          checks: ["INV", "BLD", "FLD", "EQP"].map((pair) => `E02_${pair}_DONE <= 1.5 * E02_${pair}_PLAN`),
        },
        {
          id: "R02.2",
          severity: "warning",
          titleZh: "规划数为0但已有完成数",
          titleEn: "Done is above 0 while plan is 0",
          checks: ["INV", "BLD", "FLD", "EQP"].map((pair) => `not (E02_${pair}_DONE > 0 and E02_${pair}_PLAN = 0)`),
        },
        {
          id: "R02.3",
          severity: "warning",
          titleZh: "累计数低于上期通过数",
          titleEn: "A cumulative figure is lower than the previous period's accepted figure",
          checks: notBelowPrevious("E02_INV_DONE", "E02_BLD_DONE", "E02_FLD_DONE", "E02_EQP_DONE", "E02_SCH"),
        },
      ],
    },
    {
      code: "教扶03",
      kind: "grid",
      formNumber: "教扶03表",
      titleZh: "学前教育普及",
      titleEn: "Preschool provision",
      cumulative: true,
      unitZh: "所",
      fields: [
        input("E03_KG_PLAN", "规划新建、改扩建幼儿园", "Kindergartens planned", "int", SCHOOLS),
        input("E03_KG_DONE", "已新建、改扩建幼儿园", "Kindergartens built or extended", "int", SCHOOLS),
        computed("E03_KG_RATE", "完成率", "Completion rate", "ratio", "E03_KG_DONE / E03_KG_PLAN", PERCENT),
      ],
      rules: [
        {
          id: "R03.1",
          severity: "warning",
          titleZh: "完成数超过规划数的150%",
          titleEn: "Done exceeds 150% of plan",
          checks: ["E03_KG_DONE <= 1.5 * E03_KG_PLAN"],
        },
        {
          id: "R03.2",
          severity: "warning",
          titleZh: "规划数为0但已有完成数",
          titleEn: "Done is above 0 while plan is 0",
          checks: ["not (E03_KG_DONE > 0 and E03_KG_PLAN = 0)"],
        },
        {
          id: "R03.3",
          severity: "warning",
          titleZh: "累计数低于上期通过数",
          titleEn: "A cumulative figure is lower than the previous period's accepted figure",
          checks: notBelowPrevious("E03_KG_DONE"),
        },
      ],
    },
    {
      code: "教扶04",
      kind: "grid",
      formNumber: "教扶04表",
      titleZh: "教师队伍提升",
      titleEn: "Teaching staff",
      cumulative: true,
      fields: [
        input("E04_NEW_RURAL", "新增乡村教师", "New rural teachers", "int", PERSONS),
        input("E04_EXCH", "城镇学校向农村学校交流教师", "Teachers exchanged from town to rural schools", "int", PERSONS),
        input("E04_PRIN", "其中:城镇校长到乡村学校任职、交流", "of whom town principals posted to rural schools", "int", PERSONS),
        input("E04_TRAIN_KEY", "集中培训重点村小学校长和骨干教师", "Principals and key teachers of key villages trained", "int", PERSON_TIMES),
        input("E04_VOL", "薄弱学科培训志愿者", "Volunteers for weak subjects", "int", PERSONS),
        input("E04_SEND", "送教", "Teaching delivered on site", "int", PERSON_TIMES),
        input("E04_TRAINED", "培训教师", "Teachers trained", "int", PERSONS),
      ],
      rules: [
        {
          id: "R04.1",
          severity: "error",
          titleZh: "其中:校长不得大于交流教师",
          titleEn: "Principals cannot exceed exchanged teachers",
          checks: ["E04_PRIN <= E04_EXCH"],
        },
        {
          id: "R04.2",
          severity: "warning",
          titleZh: "累计数低于上期通过数",
          titleEn: "A cumulative figure is lower than the previous period's accepted figure",
          checks: notBelowPrevious("E04_NEW_RURAL", "E04_EXCH", "E04_PRIN", "E04_TRAIN_KEY", "E04_VOL", "E04_SEND", "E04_TRAINED"),
        },
      ],
    },
    {
      code: "教扶05",
      kind: "grid",
      formNumber: "教扶05表",
      titleZh: "城乡学校结对帮扶",
      titleEn: "Town–village school pairing",
      fields: [
        input("E05_KEY_SCH", "省扶贫工作重点村中小学校", "Schools in the province's key poverty villages", "int", SCHOOLS),
        input("E05_COVERED", "已结对帮扶的重点村学校", "Of which paired", "int", SCHOOLS),
        input("E05_PAIRS", "结对帮扶对子", "Pairing agreements", "int", PAIRS),
        computed("E05_COVER_RATE", "覆盖率", "Coverage", "ratio", "E05_COVERED / E05_KEY_SCH", PERCENT),
      ],
      rules: [
        {
          id: "R05.1",
          severity: "error",
          titleZh: "已结对学校不得多于重点村学校",
          titleEn: "Paired schools cannot exceed key-village schools",
          checks: ["E05_COVERED <= E05_KEY_SCH"],
        },
        {
          id: "R05.2",
          severity: "warning",
          titleZh: "重点村学校未全部结对(目标为全覆盖)",
          titleEn: "Not every key-village school is paired (the target is full coverage)",
          checks: ["E05_COVERED >= E05_KEY_SCH"],
        },
        {
          id: "R05.3",
          severity: "warning",
          titleZh: "结对对子少于已结对学校",
          titleEn: "Fewer pairing agreements than paired schools",
          checks: ["E05_PAIRS >= E05_COVERED"],
        },
      ],
    },
    {
      code: "教扶06",
      kind: "list",
      formNumber: "教扶06表",
      // The whole province had 116 universities in 250 townships in 2019: 200 pairs per prefecture leaves room to grow.
      maxRows: 200,
      titleZh: "高校科技扶贫",
      titleEn: "Universities' science and technology support",
      fields: [
        text("E06_UNIV", "高校名称", "University", { key: true, maxLength: PLACE_LENGTH }),
        text("E06_COUNTY", "所在县(市、区)代码", "County code of the township", { key: true, maxLength: 6 }),
        text("E06_TOWN", "对口乡镇", "Township", { key: true, maxLength: PLACE_LENGTH }),
        input("E06_PROJ", "科研扶贫项目", "Research projects for poverty relief", "int", PROJECTS),
        input("E06_TEAM", "专家服务团队", "Expert service teams", "int", TEAMS),
        input("E06_CONSULT", "科技咨询和技术服务", "Consultations and technical services", "int", PERSON_TIMES),
        input("E06_TRAIN", "就业创业技能培训", "Employment and entrepreneurship training", "int", PERSON_TIMES),
      ],
      rules: [
        {
          id: "R06.1",
          severity: "error",
          titleZh: "县代码须为本市所辖县,高校、县、乡镇不得重复",
          titleEn: "The county is one of this prefecture's; no two rows share university, county and township",
          checks: ["inPrefecture(E06_COUNTY)", "unique(E06_UNIV, E06_COUNTY, E06_TOWN)"],
        },
      ],
      consolidatedFields: [
        { code: "E06_UNIV_COUNT", labelZh: "高校数", labelEn: "Universities", unitZh: "所", unitEn: "universities", distinctOf: ["E06_UNIV"] },
        { code: "E06_TOWN_COUNT", labelZh: "对口乡镇数", labelEn: "Townships", unitZh: "个", unitEn: "townships", distinctOf: ["E06_COUNTY", "E06_TOWN"] },
        { code: "E06_PROJ", labelZh: "科研扶贫项目", labelEn: "Research projects for poverty relief", unitZh: "项", unitEn: "projects", sumOf: "E06_PROJ" },
        { code: "E06_TEAM", labelZh: "专家服务团队", labelEn: "Expert service teams", unitZh: "个", unitEn: "teams", sumOf: "E06_TEAM" },
        {
          code: "E06_CONSULT",
          labelZh: "科技咨询和技术服务",
          labelEn: "Consultations and technical services",
          unitZh: "人次",
          unitEn: "person-times",
          sumOf: "E06_CONSULT",
        },
        {
          code: "E06_TRAIN",
          labelZh: "就业创业技能培训",
          labelEn: "Employment and entrepreneurship training",
          unitZh: "人次",
          unitEn: "person-times",
          sumOf: "E06_TRAIN",
        },
      ],
    },
    {
      code: "教扶07",
      kind: "grid",
      formNumber: "教扶07表",
      titleZh: "学生资助",
      titleEn: "Student financial aid",
      cumulative: true,
      fields: [
        input("E07_AID_PERSONS", "资助建档立卡贫困家庭学生", "Aid to registered poor students", "int", PERSON_TIMES),
        input("E07_AID_AMOUNT", "资助资金", "Aid paid", "dec2", TEN_THOUSAND_YUAN),
        computed("E07_AID_AVG", "人均资助", "Aid per person-time", "real", "E07_AID_AMOUNT * 10000 / E07_AID_PERSONS", ["元", "yuan"]),
      ],
      rules: [
        {
          id: "R07.1",
          severity: "warning",
          titleZh: "人均资助不在200–20000元之间",
          titleEn: "Aid per person-time outside 200–20000 yuan",
          checks: ["E07_AID_AVG >= 200 and E07_AID_AVG <= 20000"],
        },
        {
          id: "X07.1",
          severity: "warning",
          titleZh: "资助人次少于本县建档立卡贫困教育人口",
          titleEn: "Fewer aid person-times than the county's registered poor education population",
          checks: ["E07_AID_PERSONS >= 教扶01.E01_TOT"],
        },
      ],
    },
    {
      code: "教扶08",
      kind: "grid",
      formNumber: "教扶08表",
      titleZh: "控辍保学与特殊群体关爱",
      titleEn: "Dropout control and care for special groups",
      fields: [
        input("E08_SUSPECT", "摸排疑似失学辍学儿童", "Suspected out-of-school children found", "int", PERSONS),
        input("E08_RETURNED", "已劝返复学", "Returned to school", "int", PERSONS),
        input("E08_DISABLED", "适龄残疾儿童少年", "Disabled children of school age", "int", PERSONS),
        input("E08_DIS_PLACED", "已入学安置", "Placed in education", "int", PERSONS),
        input("E08_HOME_TEACH", "其中:送教上门", "of whom taught at home", "int", PERSONS),
        input("E08_CARE_ROOMS", "留守儿童关爱室", "Care rooms for left-behind children", "int", ROOMS),
      ],
      rules: [
        {
          id: "R08.1",
          severity: "error",
          titleZh: "其中项不得大于总数",
          titleEn: "A part cannot exceed its whole",
          checks: ["E08_RETURNED <= E08_SUSPECT", "E08_DIS_PLACED <= E08_DISABLED", "E08_HOME_TEACH <= E08_DIS_PLACED"],
        },
        {
          id: "R08.2",
          severity: "warning",
          titleZh: "疑似失学辍学儿童未全部劝返",
          titleEn: "Not every suspected out-of-school child has returned",
          checks: ["E08_RETURNED >= E08_SUSPECT"],
        },
        {
          id: "X08.1",
          severity: "warning",
          titleZh: "关爱室多于本县重点村学校",
          titleEn: "More care rooms than the county's key-village schools",
          checks: ["E08_CARE_ROOMS <= 教扶05.E05_KEY_SCH"],
        },
      ],
    },
    {
      code: "教扶09",
      kind: "grid",
      formNumber: "教扶09表",
      titleZh: "职业教育与招生专项",
      titleEn: "Vocational education and targeted admissions",
      unitZh: "人",
      fields: [
        input("E09_RURAL_NOT_HS", "未升入普通高中的农村初中毕业生", "Rural junior graduates not entering general high school", "int", PERSONS),
        input("E09_TO_SVE", "其中:接受中等职业教育", "of whom in secondary vocational education", "int", PERSONS),
        computed("E09_SVE_RATE", "接受中职教育比例", "Share", "ratio", "E09_TO_SVE / E09_RURAL_NOT_HS", PERCENT),
        input("E09_GAOKAO", "参加高考的建档立卡贫困家庭学生", "Registered poor students sitting the gaokao", "int", PERSONS),
        input("E09_ADMITTED", "其中:被高校录取", "of whom admitted", "int", PERSONS),
        input("E09_FREE_NORMAL", "公费师范生", "Publicly funded teacher trainees", "int", PERSONS),
        input("E09_FREE_MED", "公费医学生", "Publicly funded medical students", "int", PERSONS),
        input("E09_FREE_AGRI", "公费农科生", "Publicly funded agriculture students", "int", PERSONS),
      ],
      rules: [
        {
          id: "R09.1",
          severity: "error",
          titleZh: "其中项不得大于总数",
          titleEn: "A part cannot exceed its whole",
          checks: ["E09_TO_SVE <= E09_RURAL_NOT_HS", "E09_ADMITTED <= E09_GAOKAO"],
        },
        {
          id: "R09.2",
          severity: "warning",
          titleZh: "接受中职教育比例低于90%",
          titleEn: "Share in vocational education below 90%",
          checks: ["E09_SVE_RATE >= 0.9"],
        },
      ],
    },
  ],
};
