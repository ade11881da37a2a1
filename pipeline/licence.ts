/** The licence of the published tables and charts: datapackage.json states it, every chart's footer names it. */
export const DATA_LICENSE = {
  name: "CC-BY-4.0",
  path: "https://creativecommons.org/licenses/by/4.0/",
  title: "Creative Commons Attribution 4.0 (tables); quotes remain the publisher's",
} as const;
