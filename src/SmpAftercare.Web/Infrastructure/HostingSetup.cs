using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Web.Components;
using SmpAftercare.Web.Data;
using SmpAftercare.Web.Features.Api;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Features.Reminders;

namespace SmpAftercare.Web.Infrastructure;

public static class HostingSetup
{
    /// <summary>The SQLite connection string: ConnectionStrings:Default, or a file under data/ beside the app.</summary>
    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
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
        var connectionString = ConnectionString(builder.Configuration, builder.Environment);

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<StaffContext>();
        services.AddScoped<ICurrentClinic>(sp => sp.GetRequiredService<StaffContext>());
        services.AddScoped<AuditLog>();
        services.AddScoped<SmpAftercare.Web.Features.Sessions.SessionBook>();
        services.AddSingleton<PublicUrls>();
        // The options depend on nothing per request: built once instead of for every context (docs/performance.md).
        services.AddDbContext<AppDbContext>(o => o.UseSqlite(connectionString), optionsLifetime: ServiceLifetime.Singleton);

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
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders();
        // A switched-off or demoted account loses its open session within a minute (the default is 30).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
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
        });

        // Keys live beside the database so sign-in cookies and antiforgery tokens survive a restart.
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataDirectory(builder.Configuration, builder.Environment), "keys")))
            .SetApplicationName("SmpAftercare");

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireClaim(StaffClaims.ClinicId))
            .AddPolicy(Policies.Clinical, p => p.RequireRole(StaffRoles.Owner, StaffRoles.Technician).RequireClaim(StaffClaims.ClinicId))
            .AddPolicy(Policies.Owner, p => p.RequireRole(StaffRoles.Owner).RequireClaim(StaffClaims.ClinicId));
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        services.AddRazorComponents();
        services.AddSmpAftercareApi();
        builder.AddClientLinks();

        // FluentValidation's DI package is not in the registry: register the validators found in this assembly.
        foreach (var found in AssemblyScanner.FindValidatorsInAssemblyContaining<App>())
        {
            services.AddSingleton(found.InterfaceType, found.ValidatorType);
        }

        builder.AddReminders();
    }

    public static async Task InitialiseDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        // WAL lets the dispatcher and the web pages read while another request writes.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public static void UseSmpAftercare(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseClientLinkHeaders();
        app.UseStaticFiles();
        app.UseRateLimiter(); // policies: Features/ClientLink
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorComponents<App>();
        app.MapSmpAftercareApi();
        app.MapClientLinkCalendar();
        app.MapReminders();
        app.MapPost("/account/logout", Features.Account.LogoutEndpoint.Handle)
            .RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
    }
}

public static class Policies
{
    public const string Staff = "staff";
    public const string Clinical = "clinical";
    public const string Owner = "owner";
}
