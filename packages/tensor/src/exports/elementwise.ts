// Re-exports only. Owned by the elementwise area; see DEVELOPERS.md.
export {};
