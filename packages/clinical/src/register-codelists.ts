// The codelists the registers use, from shared/data/codelists.
import type { CodelistSource } from "./codelists.ts";

const qof = (name: string): CodelistSource => ({
  id: `nhsd-qof/${name}`,
  system: "snomedct",
  path: `codelists/nhsd-qof/nhsd-primary-care-domain-refsets-${name}.csv`,
  publisher: "NHS Digital primary care domain reference set, via OpenCodelists",
});
const resolved = (name: string): CodelistSource => ({
  id: `nhsd-qof-resolved/${name}`,
  system: "snomedct",
  path: `codelists/nhsd-qof-resolved/${name}.csv`,
  publisher: "NHS Digital primary care domain reference set (resolved), via OpenCodelists",
});
const primis = (name: string, system: "snomedct" | "dmd" = "snomedct"): CodelistSource => ({
  id: `primis/${name}`,
  system,
  path: `codelists/primis/primis-covid19-vacc-uptake-${name}.csv`,
  publisher: "PRIMIS (University of Nottingham) v1.5.3, via OpenCodelists",
});

export const REGISTER_CODELISTS = {
  afib: qof("afib_cod"),
  ast: qof("ast_cod"),
  chd: qof("chd_cod"),
  ckd35: qof("ckd_cod"),
  ckd12: qof("ckd1and2_cod"),
  ckdres: resolved("ckdres_cod"),
  copd: qof("copd_cod"),
  copdres: resolved("copdres_cod"),
  dem: qof("dem_cod"),
  depr: qof("depr_cod"),
  dm: qof("dm_cod"),
  dmtype1: qof("dmtype1_cod"),
  dmtype2: qof("dmtype2_cod"),
  dmres: primis("dmres"),
  epil: qof("epil_cod"),
  epilres: resolved("epilres_cod"),
  hf: qof("hf_cod"),
  hfres: resolved("hfres_cod"),
  hyp: qof("hyp_cod"),
  hypres: resolved("hypres_cod"),
  ld: qof("ld_cod"),
  mh: qof("mh_cod"),
  smhres: primis("smhres"),
  ndh: qof("ndh_cod"),
  osteo: qof("osteo_cod"),
  pad: qof("pad_cod"),
  palcare: qof("palcare_cod"),
  palcareni: qof("palcareni_cod"),
  rarth: qof("rarth_cod"),
  strk: qof("strk_cod"),
  tia: qof("tia_cod"),
  can: qof("c19can_cod"),
  haemcan: qof("c19haemcan_cod"),
  astrx: primis("astrxm1", "dmd"),
  saba: {
    id: "inhalers-dmd/saba",
    system: "dmd",
    path: "codelists/inhalers-dmd/saba_codelist.csv",
    publisher: "dm+d short-acting beta-agonist inhalers, via OpenCodelists",
  },
} as const satisfies Record<string, CodelistSource>;

export type RegisterCodelistKey = keyof typeof REGISTER_CODELISTS;
