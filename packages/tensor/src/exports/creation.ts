// Re-exports only. Owned by the creation area; see DEVELOPERS.md.
export {};
