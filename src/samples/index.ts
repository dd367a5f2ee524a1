/** Deterministic sample CRM exports for the demo and the benchmark. */
export {
  countPlanted,
  DEMO_SAMPLE_OPTIONS,
  type DemoWorkspaceSeed,
  demoWorkspaceSeed,
  type HubSpotSampleFiles,
  type HubSpotSampleOptions,
  hubSpotSampleFileNames,
  type PlantedProblems,
  SAMPLE_EXPORT_DATE,
  writeHubSpotSample,
} from './hubspot-generator.js';
