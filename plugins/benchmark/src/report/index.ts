export * from './report-data.js';
export * from './report-model.js';
export * from './render-report.js';
export * from './cd-diagram.js';
export * from './curve-chart.js';
export * from './scatter-chart.js';
export * from './compare-implementations.js';
export * from './sample-report-data.js';
