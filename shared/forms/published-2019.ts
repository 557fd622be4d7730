/**
 * The province figures the Department of Education published for 2019 (../shared/seed, end of
 * the spec), as the consolidated province row should show them. Where the report gives only a
 * ratio, the plan is the figure that reproduces the published ratio to two decimals of a percent;
 * where it gives nothing (marked "chosen"), the figure is a plausible value that satisfies every
 * rule. Demo data and the consolidation tests split these totals across the prefectures.
 */
export const publishedProvince2019: Record<string, Record<string, number>> = {
  教扶01: { E01_PRE: 15003, E01_CMP: 128499, E01_GHS: 17696, E01_SVE: 11698, E01_HED: 27937, E01_TOT: 200833 },
  教扶02: {
    E02_INV_PLAN: 172809.78, // 18.66亿元 is 107.98% of plan
    E02_INV_DONE: 186600,
    E02_BLD_PLAN: 851594, // 96.69万㎡ is 113.54%
    E02_BLD_DONE: 966900,
    E02_FLD_PLAN: 1281906, // 153.38万㎡ is 119.65%
    E02_FLD_DONE: 1533800,
    E02_EQP_PLAN: 35402.81, // 4.1亿元 is 115.81%
    E02_EQP_DONE: 41000,
    E02_SCH: 661,
  },
  教扶03: { E03_KG_PLAN: 1400, E03_KG_DONE: 1656 }, // 118.29%
  教扶04: { E04_NEW_RURAL: 34800, E04_EXCH: 35800, E04_PRIN: 2440, E04_TRAIN_KEY: 40000, E04_VOL: 2557, E04_SEND: 22188, E04_TRAINED: 14000 },
  教扶05: { E05_KEY_SCH: 3941, E05_COVERED: 3941, E05_PAIRS: 3941 }, // key-village schools: chosen (full coverage)
  教扶06: { E06_UNIV_COUNT: 116, E06_TOWN_COUNT: 250, E06_PROJ: 211, E06_TEAM: 226, E06_CONSULT: 7000, E06_TRAIN: 32000 },
  教扶07: { E07_AID_PERSONS: 590000, E07_AID_AMOUNT: 90000 },
  // Only the care rooms are published; the other figures are chosen.
  教扶08: { E08_SUSPECT: 1200, E08_RETURNED: 1200, E08_DISABLED: 9000, E08_DIS_PLACED: 8800, E08_HOME_TEACH: 1500, E08_CARE_ROOMS: 3940 },
  // 93.6% of rural junior graduates not entering general high school went to vocational school (the graduates: chosen).
  教扶09: {
    E09_RURAL_NOT_HS: 50000,
    E09_TO_SVE: 46800,
    E09_GAOKAO: 21678,
    E09_ADMITTED: 21678,
    E09_FREE_NORMAL: 18000,
    E09_FREE_MED: 2930,
    E09_FREE_AGRI: 660,
  },
};

/** The published ratios, as fractions rounded to four decimals (two decimals of a percent). */
export const publishedRatios2019: Record<string, Record<string, number>> = {
  教扶02: { E02_INV_RATE: 1.0798 },
  教扶03: { E03_KG_RATE: 1.1829 },
  教扶05: { E05_COVER_RATE: 1 },
  教扶09: { E09_SVE_RATE: 0.936 },
};
