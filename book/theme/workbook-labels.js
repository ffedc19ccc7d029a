// The words of the live box and of the language switch, in English. The
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
  "other-edition": "Read this page in Russian"
};
