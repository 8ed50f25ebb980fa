/** The hatching of areas without data: on the map (an SVG pattern), in its PNG and in the legend. */
export const NO_DATA_HATCH = { size: 6, background: '#f7f7f7', stroke: '#8a8a8a' };
