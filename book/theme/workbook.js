// The live part of an exercise page. When the runner (`cargo workbook`)
// serves the book, each exercise page asks it for the exercise's status once
// a second and shows it: not started, failing or passed, the last check's
// output, the hint, and the solution once the exercise passes. Anywhere else
// (the book opened as files, or served by another server) the API does not
// answer, and the live part stays hidden.
(function () {
  "use strict";

  // The words, in this edition's language (theme/workbook-labels.js).
  const LABELS = window.WORKBOOK_LABELS || {};
  const say = (key) => LABELS[key] || key;
  const language = document.documentElement.lang || "en";

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value);
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function build(box) {
    const slug = box.dataset.slug;
    const title = element("h2", { class: "workbook-live-title" }, say("title"));
    const status = element("p", { class: "workbook-status", "data-status": "" });
    const output = element("pre", { class: "workbook-output" });
    const hintButton = element("button", { type: "button", class: "workbook-hint-button" }, say("show-hints"));
    const hint = element("p", { class: "workbook-hint", hidden: "", style: "white-space: pre-line" });
    const solutionButton = element(
      "button",
      { type: "button", class: "workbook-solution-button", disabled: "" },
      say("solution-locked"),
    );
    const solution = element("div", { class: "workbook-solution", hidden: "" });
    box.append(title, status, output, hintButton, hint, solutionButton, solution);

    hintButton.addEventListener("click", () => {
      hint.hidden = !hint.hidden;
      hintButton.textContent = say(hint.hidden ? "show-hints" : "hide-hints");
    });
    solutionButton.addEventListener("click", async () => {
      const response = await fetch("/api/solution/" + encodeURIComponent(slug));
      if (!response.ok) return;
      solution.replaceChildren();
      for (const file of await response.json()) {
        solution.append(element("p", {}, file.path), element("pre", {}, file.text));
      }
      solution.hidden = false;
    });
    return { slug, status, output, hint, solutionButton };
  }

  function show(parts, box, answer) {
    box.hidden = false;
    parts.status.dataset.status = answer.status;
    parts.status.textContent = LABELS["status-" + answer.status] || answer.status;
    parts.output.textContent = answer.output || "";
    parts.output.hidden = !answer.output;
    parts.hint.textContent = answer.hint;
    const passed = answer.status === "passed";
    parts.solutionButton.disabled = !passed;
    parts.solutionButton.textContent = say(passed ? "show-solution" : "solution-locked");
  }

  function follow(box) {
    const parts = build(box);
    let stopped = false;
    async function poll() {
      try {
        const response = await fetch(
          "/api/status/" + encodeURIComponent(parts.slug) + "?lang=" + encodeURIComponent(language),
          { cache: "no-store" },
        );
        if (response.ok) {
          show(parts, box, await response.json());
        } else if (box.hidden) {
          stopped = true; // another server, which knows no such API
        }
      } catch (_) {
        // No server at all (the book opened as files): stay hidden. Once
        // shown, keep asking: the runner may be restarted.
        stopped = box.hidden;
      }
      if (!stopped) setTimeout(poll, 1000);
    }
    poll();
  }

  // The language switch: a link to this page in the other edition. The
  // English book is at the root, the Russian one in ru/ beside its pages.
  function addLanguageSwitch() {
    const buttons = document.querySelector(".right-buttons");
    if (!buttons || typeof path_to_root !== "string") return;
    const root = new URL(path_to_root || "./", window.location.href);
    let page = window.location.href.slice(root.href.length).split("#")[0];
    if (page === "" || page.endsWith("/")) page += "index.html";
    const russian = language === "ru";
    const other = russian ? new URL("../" + page, root) : new URL("ru/" + page, root);
    const link = element("a", {
      href: other.href,
      class: "workbook-language",
      hreflang: russian ? "en" : "ru",
      lang: russian ? "en" : "ru",
      title: say("other-edition"),
      "aria-label": say("other-edition"),
    }, russian ? "English" : "Русский");
    buttons.prepend(link);
  }

  // mdBook's own words, its menu's and its search's, in this edition's
  // language (English needs no change).
  function translateInterface() {
    if (language === "en") return;
    for (const attribute of ["title", "aria-label", "placeholder"]) {
      document.querySelectorAll("[" + attribute + "]").forEach((node) => {
        const translated = LABELS["mdbook:" + node.getAttribute(attribute)];
        if (translated) node.setAttribute(attribute, translated);
      });
    }
    const header = document.getElementById("mdbook-searchresults-header");
    if (!header) return;
    const fill = (template, values) =>
      template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
    // The search may have run before this script (on a page opened with
    // `?search=`), so the header is translated now and on each change.
    const translateHeader = () => {
      const text = header.textContent;
      const found = text.match(/^(\d+) search results for '(.*)':$/s);
      const none = text.match(/^No search results for '(.*)'\.$/s);
      if (found && LABELS["search-found"]) {
        header.textContent = fill(LABELS["search-found"], { count: found[1], term: found[2] });
      } else if (none && LABELS["search-none"]) {
        header.textContent = fill(LABELS["search-none"], { term: none[1] });
      }
    };
    translateHeader();
    new MutationObserver(translateHeader).observe(header, { childList: true, characterData: true, subtree: true });
  }

  translateInterface();
  addLanguageSwitch();
  document.querySelectorAll(".workbook-live[data-slug]").forEach(follow);
})();
