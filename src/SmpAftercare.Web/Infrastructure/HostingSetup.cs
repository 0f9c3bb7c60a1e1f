using FluentValidation;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Components;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Account;
using SmpAftercare.Web.Features.Api;
using SmpAftercare.Web.Features.CheckIns;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Features.Jobs;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure.Staff;
using MudBlazor.Services;

namespace SmpAftercare.Web.Infrastructure;

public static class HostingSetup
{
    /// <summary>Database:Provider: Sqlite (the default, no set-up) or Postgres.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        AppDatabase.ParseProvider(configuration[AppDatabase.ProviderKey]);

    /// <summary>
    /// ConnectionStrings:Default; on SQLite, when it is empty, a file under data/ beside the app. PostgreSQL has
    /// no sensible default, so it must be configured.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (Provider(configuration) == DatabaseProvider.Postgres)
        {
            if (EF.IsDesignTime)
            {
                // dotnet ef migrations add/remove diff the model and need no server (docs/architecture.md).
                return "Host=localhost";
            }

            throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Default (environment variable ConnectionStrings__Default), e.g. Host=localhost;Database=smpaftercare;Username=smp;Password=...");
        }

        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory(configuration, environment), "smpaftercare.db") }.ToString();
    }

    public static string DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var dir = configuration["DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "data");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void AddSmpAftercare(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var provider = Provider(builder.Configuration);
        // Serves MudBlazor's and the framework's files from a build's output in every environment (tests run as
        // "Testing"); a published app has no runtime manifest and this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        // Run from a build's output (not a publish), MapStaticAssets sends no-cache on every file unless told
        // otherwise. The manifest's own headers are right in every environment: a fingerprinted name changes with
        // the content, so it may be cached for a year; the rest stay no-cache (docs/performance.md).
        builder.Configuration["EnableStaticAssetsDevelopmentCaching"] ??= "true";
        var connectionString = ConnectionString(builder.Configuration, builder.Environment);

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<StaffContext>();
        services.AddScoped<ICurrentClinic>(sp => sp.GetRequiredService<StaffContext>());
        services.AddScoped<AuditLog>();
        services.AddScoped<SmpAftercare.Web.Features.Sessions.SessionBook>();
        services.AddScoped<SmpAftercare.Web.Features.Protocol.ProtocolMove>();
        services.AddSingleton<PublicUrls>();
        builder.HideServerName();
        builder.AddReverseProxy();
        builder.AddStaffSignIn();
        services.AddHostedService<DatabaseInUse>(); // restore refuses while it runs
        // The options depend on nothing per request: built once instead of for every context (docs/performance.md).
        services.AddDbContext<AppDbContext>(o => o.Use(provider, connectionString), optionsLifetime: ServiceLifetime.Singleton);
        // Interactive pages live for a whole circuit: they take a context per operation, tenant from the circuit's user.
        services.AddScoped<IDbContextFactory<AppDbContext>, StaffDbContextFactory>();
        services.AddScoped<CurrentStaff>();
        services.AddSingleton<Components.Ui.FluentValueValidator>();
        services.AddScoped<Features.Clients.RuleAdjustmentBook>();
        services.AddSingleton<Features.Clients.ClientErasure>();

        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // Unique within a clinic instead, not across clinics: Features/Account/OneAccountPerClinic.
                o.User.RequireUniqueEmail = false;
                o.Tokens.PasswordResetTokenProvider = AccountLinkTokens.ProviderName;
            })
            .AddUserValidator<OneAccountPerClinic>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddSignInManager<StaffSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AccountLinkTokens>(AccountLinkTokens.ProviderName);
        services.AddScoped<AccountAudit>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<Features.Staff.StaffInvitations>();
        services.AddScoped<Features.Staff.StaffAdministration>();
        services.AddSingleton<OperationScopes>();
        services.AddSingleton<IAccountEmailSender, SmtpAccountEmailSender>();
        services.AddSingleton<PasswordResetMails>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetMails>());
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "smp.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            // "Keep me signed in on this device": a cookie that outlives the browser, for KeptSignedIn (sliding).
            o.Events.OnSigningIn = context =>
            {
                if (context.Properties.IsPersistent)
                {
                    // The handler's own clock: the one it checks the expiry against.
                    var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
                    context.Properties.IssuedUtc = now;
                    context.Properties.ExpiresUtc = now.Add(AccountPolicy.KeptSignedIn);
                }

                return Task.CompletedTask;
            };
            // Every request, not Identity's every 30 minutes: signing out, switching off and demoting take effect at once.
            o.Events.OnValidatePrincipal = StaffSessionCheck.ValidatePrincipalAsync;
        });
        services.Configure<StaffSessionOptions>(builder.Configuration.GetSection(StaffSessionOptions.Section));
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();

        // Keys live in the database so sign-in cookies and antiforgery tokens survive a restart and every app
        // process on the same database accepts them.
        services.AddDataProtection()
            .PersistKeysToDbContext<AppDbContext>()
            .SetApplicationName("SmpAftercare");

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireClaim(StaffClaims.ClinicId))
            .AddPolicy(Policies.Clinical, p => p.RequireRole(StaffRoles.Owner, StaffRoles.Technician).RequireClaim(StaffClaims.ClinicId))
            .AddPolicy(Policies.Owner, p => p.RequireRole(StaffRoles.Owner).RequireClaim(StaffClaims.ClinicId));
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddStaticAssetCompression();
        services.AddSmpAftercareApi();
        builder.AddClientLinks();
        builder.AddCheckIns();

        services.AddValidatorsFromAssemblyContaining<App>(ServiceLifetime.Singleton);

        builder.AddReminders();
        builder.AddBackgroundJobs();
    }

    public static async Task InitialiseDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets the dispatcher and the web pages read while another request writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        Features.ClientLink.ClientLinks.EnsureKeyRing(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All.Append(StaffRoles.Operator))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public static void UseSmpAftercare(this WebApplication app)
    {
        app.UseReverseProxy();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseClientLinkHeaders();
        app.UseCheckInUploads();
        app.UseResponseCompression(); // style sheets and scripts only: see AddStaticAssetCompression
        // Files the build knows (MudBlazor's, the framework's, wwwroot's) are endpoints: under their fingerprinted names
        // (@Assets[...]) cacheable for a year, pre-compressed where the build made a compressed copy. UseStaticFiles
        // stays for any file the build manifest does not list.
        app.UseStaticFiles();
        app.UseRateLimiter(); // policies: Features/ClientLink
        app.UseAuthentication();
        app.UseTwoFactorRequirement();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Blazor would send its own CSP (frame-ancestors 'self') and win over ours; SecurityHeaders sends the whole
        // policy, frame-ancestors 'none' included.
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapSmpAftercareApi();
        app.MapClientLinkCalendar();
        app.MapCheckIns();
        app.MapReminders();
        app.MapOperatorDashboard();
        app.MapPost("/account/logout", Features.Account.LogoutEndpoint.Handle)
            .RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
    }
}

public static class StaticAssetCompression
{
    /// <summary>
    /// Compresses style sheets and scripts the build did not pre-compress (the fingerprinted MudBlazor files of a
    /// build: 638 KB of CSS). Only those types: pages are never compressed on the fly, because a compressed HTTPS
    /// page that reflects input next to a secret (the antiforgery token) leaks it (BREACH); these files hold none.
    /// A file is fetched once per version (cached for a year), so the fastest level is enough.
    /// </summary>
    public static void AddStaticAssetCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
    }
}

public static class Policies
{
    public const string Staff = "staff";
    public const string Clinical = "clinical";
    public const string Owner = "owner";

    /// <summary>The installation's operator (any clinic's account with the role): the background jobs dashboard.</summary>
    public const string Operator = "operator";
}
