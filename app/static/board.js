// The planning board's print button (the page's policy allows scripts of this site only).
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
