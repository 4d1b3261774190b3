// Statistical methods for PHM indicators (see CONTEXT.md). Pure: no I/O.
export {};
