/** pipeline/report/html.ts: the tagged template escapes what it is given unless it is markup. */
import { describe, expect, it } from "vitest";
import { esc, html, join, raw, scriptJson, scriptText } from "../../pipeline/report/html.ts";

const EVIL = `</p><script>alert("x")</script> & 'y'`;

describe("html``", () => {
  it("escapes interpolated text, in content and in attribute values alike", () => {
    expect(html`<p title="${EVIL}">${EVIL}</p>`.toString()).toBe(
      `<p title="&lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>`,
    );
  });

  it("keeps its own literal markup and nested fragments as they are", () => {
    const cell = html`<td class="num">${0.377}</td>`;
    expect(html`<tr>${cell}</tr>`.toString()).toBe(`<tr><td class="num">0.377</td></tr>`);
  });

  it("joins arrays with nothing between, and renders null, undefined and false as nothing", () => {
    expect(html`<ul>${["a<", html`<b>b</b>`]}</ul>`.toString()).toBe("<ul>a&lt;<b>b</b></ul>");
    expect(html`[${null}${undefined}${false}${0}]`.toString()).toBe("[0]");
    expect(html`<td${"" && html` class="x"`}${"nowrap" && html` class="nowrap"`}>`.toString()).toBe(`<td class="nowrap">`);
  });

  it("passes raw() and join() through unescaped, and escapes join's items that are text", () => {
    expect(html`<style>${raw("a > b { content: '\"' }")}</style>`.toString()).toBe(`<style>a > b { content: '"' }</style>`);
    expect(join([html`<i>1</i>`, "2 & 3"], "<br>").toString()).toBe("<i>1</i><br>2 &amp; 3");
  });

  it("escapes the five characters that matter and nothing else", () => {
    expect(esc(`&<>"' – “x” −4`)).toBe("&amp;&lt;&gt;&quot;&#39; – “x” −4");
  });
});

describe("script contents", () => {
  it("writes JSON for a script element with no way to close or comment it", () => {
    expect(scriptJson({ q: "</script><!--" }).toString()).toBe('{"q":"\\u003c/script>\\u003c!--"}');
    expect(JSON.parse(scriptJson({ q: "</script><!--\u2028" }).toString())).toEqual({ q: "</script><!--\u2028" });
    expect(scriptJson({ s: "a\u2028b\u2029" }).toString()).toBe('{"s":"a\\u2028b\\u2029"}');
  });

  it("drops a bundle's source-map comment and breaks any </script inside it", () => {
    expect(scriptText('var s = "</SCRIPT>";\n//# sourceMappingURL=vega.min.js.map\n').toString()).toBe('var s = "<\\/SCRIPT>";\n');
  });
});
