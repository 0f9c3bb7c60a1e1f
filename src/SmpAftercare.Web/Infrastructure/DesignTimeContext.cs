using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// What `dotnet ef` uses to build the model: the provider from `-- --Database:Provider=...` and no signed-in clinic.
/// Without it the tools start the whole web host, whose tenant comes from a sign-in they do not have.
/// </summary>
public sealed class DesignTimeContext : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        var provider = HostingSetup.Provider(configuration);
        var connection = provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=design-time.db";
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.Use(provider, connection);
        return new AppDbContext(options.Options, new NoClinic());
    }

    private sealed class NoClinic : ICurrentClinic
    {
        public Guid? ClinicId => null;
    }
}
