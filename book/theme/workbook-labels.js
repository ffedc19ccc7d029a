// The words of the live box, of the language switch and of mdBook's own
// menu and search (`mdbook:` and the English mdBook writes), in English. The
// runner writes each other edition's copy from its catalog (po/ru.po), so
// this object is the one list of them: keep it plain JSON.
window.WORKBOOK_LABELS = {
  "status-not-started": "Not started",
  "status-failing": "Failing",
  "status-passed": "Passed",
  "status-changed": "Changed since it passed: check again",
  "title": "Your progress",
  "show-hints": "Show the hints",
  "hide-hints": "Hide the hints",
  "solution-locked": "Show the solution (once your check passes)",
  "show-solution": "Show the solution",
  "other-edition": "Read this page in Russian",
  "mdbook:Toggle Table of Contents": "Toggle Table of Contents",
  "mdbook:Table of contents": "Table of contents",
  "mdbook:Change theme": "Change theme",
  "mdbook:Themes": "Themes",
  "mdbook:Search (`/`)": "Search (`/`)",
  "mdbook:Toggle Searchbar": "Toggle Searchbar",
  "mdbook:Search this book ...": "Search this book ...",
  "mdbook:Print this book": "Print this book",
  "mdbook:Previous chapter": "Previous chapter",
  "mdbook:Next chapter": "Next chapter",
  "mdbook:Page navigation": "Page navigation",
  "search-found": "{count} search results for '{term}':",
  "search-none": "No search results for '{term}'."
};
