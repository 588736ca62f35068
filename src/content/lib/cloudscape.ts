// Cloudscape's stable class prefixes (docs/console.md, "Finding controls"): a class is
// `awsui_<local name>_<component hash>_<build hash>_<n>`; the component hash survives releases,
// the build hash does not, so selectors stop after the component hash. Read from Cloudscape's
// own `styles.selectors.js` files; the third choice after accessible names and labels.
export const CLOUDSCAPE = {
  textFilter: '[class*="awsui_root_1sdq3_"]',
  propertyFilter: '[class*="awsui_root_1wzqe_"]',
  filterToken: '[class*="awsui_token_19bso_"]',
  tokenDismiss: '[class*="awsui_dismiss-button_19bso_"]',
  pagination: '[class*="awsui_root_fvjdu_"]',
  headerCounter: '[class*="awsui_counter_2qdw9_"]',
  tableLoading: '[class*="awsui_loading_wih1l_"]',
} as const;
