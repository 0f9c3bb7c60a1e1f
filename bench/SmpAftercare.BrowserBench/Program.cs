using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// Browser-side measurements of a running app (bench/load/browser.sh starts one; docs/performance.md).
//   circuits BASE EMAIL PASSWORD PATH SERVER_PID N1 [N2 ...]
//       opens N1, then up to N2 ... interactive staff pages on PATH in Debian's Chromium, all signed in as EMAIL,
//       and reads the server's resident memory (VmRSS of SERVER_PID) idle and with each count open.
//   first BASE EMAIL PASSWORD [ROUNDS]
//       a cold browser (new profile, empty cache) signs in; time from pressing "Sign in" until the first staff page
//       is interactive (its circuit rendered), per round.
var inv = CultureInfo.InvariantCulture;
if (args.Length < 4 || args[0] is not ("circuits" or "first"))
{
    Console.Error.WriteLine("usage: circuits BASE EMAIL PASSWORD PATH SERVER_PID N1 [N2 ...] | first BASE EMAIL PASSWORD [ROUNDS]");
    return 2;
}

var (mode, baseUrl, email, password) = (args[0], args[1].TrimEnd('/'), args[2], args[3]);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    // The renderer limit keeps 200 tabs from becoming 200 renderer processes on a 2-core machine; the server
    // sees one WebSocket (one circuit) per tab either way.
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--renderer-process-limit=4", "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
});

if (mode == "first")
{
    var rounds = args.Length > 4 ? int.Parse(args[4], inv) : 5;
    var times = new List<double>();
    for (var round = 1; round <= rounds; round++)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        var watch = Stopwatch.StartNew();
        await page.ClickAsync("button[type=submit]");
        await Interactive(page);
        times.Add(watch.Elapsed.TotalMilliseconds);
        var resources = await page.EvaluateAsync<double[]>("() => [performance.getEntriesByType('resource').length, performance.getEntriesByType('resource').reduce((s, r) => s + (r.transferSize || 0), 0)]");
        Console.WriteLine(string.Create(inv, $"round {round}: {watch.Elapsed.TotalMilliseconds:F0} ms from Sign in to an interactive {new Uri(page.Url).AbsolutePath} ({resources[0]:F0} resources, {resources[1] / 1024:F0} KB transferred)"));
    }

    times.Sort();
    Console.WriteLine(string.Create(inv, $"first staff page interactive: median {times[times.Count / 2]:F0} ms, worst {times[^1]:F0} ms over {rounds} cold browsers"));
    return 0;
}

var path = args[4];
var pid = int.Parse(args[5], inv);
var counts = args.Skip(6).Select(a => int.Parse(a, inv)).ToList();
await using var staff = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
var first = await staff.NewPageAsync();
await first.GotoAsync("/account/login");
await first.FillAsync("#email", email);
await first.FillAsync("#password", password);
await first.ClickAsync("button[type=submit]");
await first.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
// One page opened and closed first, so the idle figure already includes the code and caches every page needs.
await first.GotoAsync(path);
await Interactive(first);
await first.CloseAsync();
await Task.Delay(TimeSpan.FromSeconds(10));
var idle = Rss(pid);
Console.WriteLine(string.Create(inv, $"idle server: {idle / 1024.0:F1} MB resident"));
var pages = new List<IPage>();
foreach (var count in counts)
{
    var watch = Stopwatch.StartNew();
    while (pages.Count < count)
    {
        var page = await staff.NewPageAsync();
        await page.GotoAsync(path);
        await Interactive(page);
        pages.Add(page);
    }

    // Let the server settle (render batches acknowledged, buffers returned) before reading its memory.
    await Task.Delay(TimeSpan.FromSeconds(15));
    var open = Rss(pid);
    Console.WriteLine(string.Create(inv,
        $"{count} pages open on {path}: server {open / 1024.0:F1} MB resident, {(open - idle) / 1024.0:F1} MB above idle = {(open - idle) / 1024.0 / count:F2} MB per page (opened in {watch.Elapsed.TotalSeconds:F0} s)"));
}

// SMP_BENCH_HOLD=seconds keeps the pages open, e.g. for `dotnet-gcdump collect -p PID` (what the memory is made of).
if (int.TryParse(Environment.GetEnvironmentVariable("SMP_BENCH_HOLD"), NumberStyles.None, inv, out var hold))
{
    Console.WriteLine(string.Create(inv, $"holding {pages.Count} pages open for {hold} s"));
    await Task.Delay(TimeSpan.FromSeconds(hold));
}

return 0;

// Interactive: MainLayout marks its hidden .staff-circuit span data-interactive=true once the circuit has rendered it.
static Task Interactive(IPage page) =>
    page.Locator(".staff-circuit[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

static long Rss(int pid) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
