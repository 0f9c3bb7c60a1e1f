using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SmpAftercare.Web.Tests.Infrastructure;

/// <summary>
/// Drives the server-rendered pages the way a browser without JavaScript would: reads the form on the page
/// (with its antiforgery token and current values), changes the fields the test names, and posts it.
/// </summary>
public sealed class StaffBrowser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<Page> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return await Page.ReadAsync(response);
    }

    /// <summary>Submits the form named <paramref name="formName"/> found on <paramref name="url"/>, with some fields changed.</summary>
    public async Task<Page> SubmitAsync(string url, string formName, IReadOnlyDictionary<string, string?>? values = null)
    {
        var page = await GetAsync(url);
        if (page.Status != HttpStatusCode.OK)
        {
            return page;
        }

        return await SubmitAsync(page, formName, values);
    }

    public async Task<Page> SubmitAsync(Page page, string formName, IReadOnlyDictionary<string, string?>? values = null)
    {
        var form = page.Form(formName);
        var fields = new List<KeyValuePair<string, string>>();
        var overridden = new HashSet<string>(values?.Keys ?? [], StringComparer.Ordinal);
        foreach (var element in form.Elements.OfType<IHtmlElement>())
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || overridden.Contains(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    fields.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url;
        var response = await Client.PostAsync(action, new FormUrlEncodedContent(fields));
        return await Page.ReadAsync(response);
    }

    public async Task SignInAsync(string email, string password)
    {
        var result = await SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (result.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {result.Status} {result.Text}");
        }
    }

    public void Dispose() => Client.Dispose();

    /// <summary>Holds that a static page loads exactly these stylesheets (its own, no CSS framework) and no Blazor or MudBlazor script.</summary>
    public static void AssertOnlyStylesheets(IDocument document, params string[] expected)
    {
        Assert.Equal(expected, document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")));
        Assert.Empty(document.QuerySelectorAll("script[src*=blazor], script[src*=Blazor]"));
    }

    public sealed class Page
    {
        private Page(HttpResponseMessage response, string body, IHtmlDocument document)
        {
            Response = response;
            Body = body;
            Document = document;
        }

        public HttpResponseMessage Response { get; }

        public HttpStatusCode Status => Response.StatusCode;

        /// <summary>Where a redirect points, as a local path and query.</summary>
        public string? Location => Response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString)
            : null;

        public string Body { get; }

        public IHtmlDocument Document { get; }

        public string Url => Response.RequestMessage!.RequestUri!.PathAndQuery;

        /// <summary>The visible text, whitespace folded.</summary>
        public string Text => string.Join(' ', (Document.Body?.TextContent ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        /// <summary>Holds that a static page loads exactly these stylesheets (its own, no CSS framework) and no Blazor or MudBlazor script.</summary>
        public void AssertOnlyStylesheets(params string[] expected) => StaffBrowser.AssertOnlyStylesheets(Document, expected);

        public IReadOnlyList<string> ValidationMessages =>
            [.. Document.QuerySelectorAll(".validation-message, .alert-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];

        public IHtmlFormElement Form(string formName) =>
            Document.Forms.FirstOrDefault(f => f.Name == formName || f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {Url}. Forms: {string.Join(", ", Document.Forms.Select(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value")))}");

        public string? FieldValue(string name) => Document.QuerySelector($"[name='{name}']") switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlSelectElement select => select.Value,
            IHtmlTextAreaElement area => area.Value,
            _ => null,
        };

        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return new Page(response, body, Parser.ParseDocument(body));
        }
    }
}
