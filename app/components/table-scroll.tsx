// The box a wide table scrolls in on a narrow screen, so the table scrolls
// and the page does not. While it actually scrolls it is a named region in
// the Tab order, so a keyboard can scroll it and a screen reader says what
// it holds (docs/accessibility.md); a table that fits adds no Tab stop.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // Without scripts nobody can measure, so the server's answer is "it may scroll".
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="table-wrap" {...(scrolls ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
