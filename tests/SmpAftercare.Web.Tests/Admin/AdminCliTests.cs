using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Admin;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Admin;

public sealed class AdminCliTests : IDisposable
{
    private readonly AppFactory _app = new();

    private Task<CliResult> Cli(params string[] args) => CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, args);

    private static string[] CreateClinic(string email = "dana@fade.example.com", string password = "Str0ngEnough") =>
        ["clinic", "create", "--name", "Fade Studio", "--time-zone", "America/Chicago", "--owner-email", email, "--owner-password", password,
         "--owner-name", "Dana Owner", "--locale", "en-US"];

    private static async Task<(int Exit, string Output, string Error)> InProcess(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ClinicAndKeyCreatedOnTheCommandLine_WorkInTheAppAndTheApi()
    {
        var clinic = await Cli(CreateClinic());
        Assert.True(clinic.ExitCode == 0, clinic.ToString());
        var clinicId = Guid.Parse(clinic.Output.Trim());

        var key = await Cli("api-key", "create", "--clinic", clinicId.ToString(), "--name", "Booking system");
        Assert.True(key.ExitCode == 0, key.ToString());
        var secret = Assert.Single(key.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        Assert.StartsWith("smp_", secret, StringComparison.Ordinal);
        Assert.Contains("cannot be shown again", key.Error, StringComparison.Ordinal);

        // The web app on the same database file.
        using var api = ApiCaller.For(_app, secret);
        var created = await api.PostAsync("/api/v1/clients", new { fullName = "Jordan Lee", phone = "(312) 555-0147", smsReminders = true });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("+13125550147", created.Text("phone")); // read with the clinic's en-US region
        Assert.Equal(clinicId, await _app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Select(c => c.ClinicId).SingleAsync()));

        var protocol = await _app.WithDbAsync(db => db.ProtocolVersions.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((clinicId, 1, 15), (protocol.ClinicId, protocol.Version, protocol.Rules.Count));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var owner = await users.FindByEmailAsync("dana@fade.example.com");
            Assert.Equal((clinicId, "Dana Owner"), (owner!.ClinicId, owner.FullName));
            Assert.True(await users.IsInRoleAsync(owner, StaffRoles.Owner));
        }

        using var browser = _app.Browser();
        await browser.SignInAsync("dana@fade.example.com", "Str0ngEnough");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/api-keys")).Status);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().FirstAsync(a => a.Action == AuditActions.ApiKeyCreated));
        Assert.Equal(clinicId, audit.ClinicId);
        Assert.StartsWith("cli:", audit.UserName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicCreate_BadValues_NamesEachOptionExits2AndTouchesNoDatabase()
    {
        var result = await Cli("clinic", "create", "--name", "", "--time-zone", "Chicago", "--owner-email", "dana-at-fade", "--owner-password", "short");

        Assert.Equal(AdminCli.BadArguments, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("--name: Enter the clinic's name.", result.Error, StringComparison.Ordinal);
        Assert.Contains("--time-zone: Use an IANA time zone such as Europe/London or America/New_York.", result.Error, StringComparison.Ordinal);
        Assert.Contains("--owner-email: Enter a valid email address, like owner@example.com.", result.Error, StringComparison.Ordinal);
        Assert.Contains("--owner-password: Use at least 10 characters.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: clinic create", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_app.DatabasePath));
    }

    [Fact]
    public async Task ClinicCreate_EmailAlreadyUsed_Exits1AndCreatesNoSecondClinic()
    {
        Assert.Equal(0, (await Cli(CreateClinic())).ExitCode);

        var again = await Cli(CreateClinic());

        Assert.Equal(AdminCli.Failed, again.ExitCode);
        Assert.Contains("already has an account at a clinic named 'Fade Studio'", again.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was created.", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Clinics.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(1, await _app.WithDbAsync(db => db.ProtocolVersions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ClinicCreate_TheSameOwnerForASecondClinic_HasAnAccountAtEach()
    {
        Assert.Equal(0, (await Cli(CreateClinic())).ExitCode);

        var second = await Cli("clinic", "create", "--name", "Fade Studio East", "--time-zone", "America/Chicago", "--owner-email", "Dana@fade.example.com",
            "--owner-password", "Str0ngEnough", "--owner-name", "Dana Owner");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(2, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "DANA@FADE.EXAMPLE.COM")));
    }

    [Fact]
    public async Task ApiKeyCreate_UnknownClinic_Exits1()
    {
        var result = await Cli("api-key", "create", "--clinic", Guid.NewGuid().ToString(), "--name", "Booking system");

        Assert.Equal(AdminCli.Failed, result.ExitCode);
        Assert.Contains("there is no clinic with id", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Help_FromTheExecutable_ListsTheCommandsAndStartsNoServer()
    {
        var result = await Cli("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "clinic create", "api-key create", "backup --to FILE", "operator grant EMAIL", "operator revoke EMAIL" })
        {
            Assert.Contains(command, result.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Now listening", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "clinic", "delete" }, "Unknown command 'clinic delete'. Commands: clinic create, api-key create, backup, restore, seed-bench, operator grant, operator revoke.")]
    [InlineData(new[] { "backup", "--to" }, "--to needs a value.")]
    [InlineData(new[] { "backup", "--from", "a.db" }, "Unknown option --from. Options: --to.")]
    [InlineData(new[] { "backup", "--from", "a.db" }, "--to is required.")]
    [InlineData(new[] { "backup", "--to", "a.db", "--to", "b.db" }, "--to is given twice.")]
    [InlineData(new[] { "backup", "a.db" }, "Unexpected 'a.db': options look like --name value.")]
    [InlineData(new[] { "api-key", "create", "--clinic", "northside", "--name", "Booking" }, "--clinic: 'northside' is not a clinic id (the id 'clinic create' printed).")]
    [InlineData(new[] { "api-key", "create", "--clinic", "northside", "--name", "help" }, "--clinic: 'northside' is not a clinic id (the id 'clinic create' printed).")]
    [InlineData(new[] { "api-key", "create", "--clinic=9b2f4c1e-0d7a-4a51-9a55-2f1d3c4b5a69", "--name=" }, "--name: Name the key after what will use it, like \"Booking system\".")]
    [InlineData(new[] { "operator", "grant" }, "--email is required.")]
    [InlineData(new[] { "operator", "grant", "dana-at-fade" }, "EMAIL: 'dana-at-fade' is not an email address")]
    [InlineData(new[] { "operator", "revoke", "dana@fade.example.com", "sam@fade.example.com" }, "Unexpected 'sam@fade.example.com'")]
    public async Task BadArguments_PrintAClearMessageOnStderrAndExit2(string[] args, string message)
    {
        var (exit, output, error) = await InProcess(args);

        Assert.Equal(AdminCli.BadArguments, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--urls", "http://localhost:5080" }, false)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new[] { "backup", "--to", "x.db" }, true)]
    [InlineData(new[] { "bakup" }, true)]
    public void IsCommand_TellsCommandsFromWebHostArguments(string[] args, bool isCommand) =>
        Assert.Equal(isCommand, AdminCli.IsCommand(args));

    public void Dispose() => _app.Dispose();
}
