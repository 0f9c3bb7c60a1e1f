using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure.Staff;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Components;

/// <summary>
/// The real app (real SQLite file, test clock, seeded clinic) shared by one class of component tests; its
/// singletons (database options, validators, clock) serve the components rendered by bunit.
/// </summary>
public class ComponentApp : IAsyncLifetime
{
    public ComponentApp()
        : this(new AppFactory())
    {
    }

    /// <summary>For a fixture whose app needs settings of its own (a real peer to talk to).</summary>
    protected ComponentApp(AppFactory app) => App = app;

    public AppFactory App { get; }

    public TestClinic Clinic { get; private set; } = default!;

    public async Task InitializeAsync() => Clinic = await App.SeedClinicAsync();

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// bunit set up as the staff area runs: interactive on the server, MudBlazor, loose JS interop (MudBlazor's own
/// calls are not what these tests check), a signed-in staff member of the seeded clinic.
/// </summary>
public abstract class StaffComponentTest : BunitContext, IClassFixture<ComponentApp>, IAsyncLifetime
{
    protected StaffComponentTest(ComponentApp fixture)
    {
        Fixture = fixture;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // The fallback below serves what components inject; services made here get their own dependencies from here.
        Services.AddSingleton(fixture.App.Services.GetRequiredService<DbContextOptions<AppDbContext>>());
        Services.AddSingleton<TimeProvider>(fixture.App.Clock);
        Services.AddScoped<IDbContextFactory<AppDbContext>, StaffDbContextFactory>();
        Services.AddScoped<CurrentStaff>();
        // Scoped in the app: made here, per test, with their dependencies from the app.
        var outbox = fixture.App.Services.GetRequiredService<Web.Features.Reminders.ReminderOutbox>();
        Services.AddScoped(_ => new Web.Features.Sessions.SessionBook(outbox, fixture.App.Clock));
        Services.AddScoped(_ => new Web.Features.Protocol.ProtocolMove(outbox, fixture.App.Clock));
        Services.AddFallbackServiceProvider(fixture.App.Services);
        _auth = AddAuthorization();
        SignInAs(fixture.Clinic.Technician, fixture.Clinic.Id);
        // Last: the renderer is built from the services, which cannot change afterwards.
        Renderer.SetRendererInfo(new RendererInfo("Server", true));
    }

    private readonly BunitAuthorizationContext _auth;

    protected ComponentApp Fixture { get; }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor has services that only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    protected AppFactory App => Fixture.App;

    protected TestClinic Clinic => Fixture.Clinic;

    protected void SignInAs(TestStaff staff, Guid clinicId)
    {
        var auth = _auth;
        auth.SetAuthorized(staff.Email);
        auth.SetRoles(staff.Role);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, staff.Id),
            new Claim(StaffClaims.ClinicId, clinicId.ToString()),
            new Claim(StaffClaims.FullName, staff.FullName));
    }

    /// <summary>A MudBlazor page needs its providers (popovers, dialogs, snackbars) on the page, as the layout gives it.</summary>
    protected void RenderProviders()
    {
        if (_providers is not null)
        {
            return;
        }

        Dialogs = Render<MudBlazor.MudDialogProvider>();
        Snackbars = Render<MudBlazor.MudSnackbarProvider>();
        _providers = Render<MudBlazor.MudPopoverProvider>();
    }

    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _providers;

    protected IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<MudBlazor.MudSnackbarProvider> Snackbars { get; private set; } = default!;
}

/// <summary>
/// bunit for a test class that runs on either database (ProviderVariants): each test gets an app of its own, on a
/// fresh database of the given provider (null: SQLite), so counts over the whole database are that test's alone.
/// </summary>
public abstract class OwnAppComponentTest : StaffComponentTest, IAsyncLifetime
{
    private readonly ComponentApp _own;

    protected OwnAppComponentTest(PostgresServer? postgres)
        : this(Started(postgres))
    {
    }

    private OwnAppComponentTest(ComponentApp own)
        : base(own) => _own = own;

    // The base constructor signs in with the seeded clinic's staff, so the clinic is seeded first; off xunit's
    // synchronisation context, which the blocking wait could otherwise deadlock.
    private static OwnApp Started(PostgresServer? postgres)
    {
        var app = new OwnApp(new AppFactory(postgres));
        Task.Run(app.InitializeAsync).GetAwaiter().GetResult();
        return app;
    }

    private sealed class OwnApp(AppFactory app) : ComponentApp(app);

    /// <summary>The staff client page once it is interactive (its "viewed" audit row is written then).</summary>
    protected IRenderedComponent<Web.Features.Clients.ClientPage> OpenClientPage(Guid clientId)
    {
        RenderProviders();
        var page = Render<Web.Features.Clients.ClientPage>(p => p.Add(c => c.Id, clientId));
        page.WaitForAssertion(() => page.Find("[data-testid=archive]"));
        return page;
    }

    /// <summary>An element's text as a person reads it: markup whitespace collapsed.</summary>
    protected static string Text(AngleSharp.Dom.INode node) => System.Text.RegularExpressions.Regex.Replace(node.TextContent, @"\s+", " ").Trim();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // bunit and MudBlazor first, then the app and its database.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _own.DisposeAsync();
    }
}
