// Re-exports only. Owned by the reduceShape area; see DEVELOPERS.md.
export {};
