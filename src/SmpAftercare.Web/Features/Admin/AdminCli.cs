using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>
/// The admin command line: the web app's executable, started with a command, runs it against the configured
/// database and exits without starting the web server. Results go to stdout (one line a script can capture),
/// messages and logs to stderr.
/// </summary>
public static class AdminCli
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public const string Help = """
        SmpAftercare admin commands. Each runs against the configured database and exits.

          clinic create --name NAME --time-zone IANA_ID --owner-email EMAIL --owner-password PASSWORD
                        [--owner-name NAME] [--locale LOCALE]
              Creates a clinic with protocol version 1 and its owner account. Prints the clinic's id.
              --owner-name defaults to the email address, --locale to en-GB.

          api-key create --clinic CLINIC_ID --name LABEL
              Creates an API key for the clinic. Prints the key: it is shown only this once.

          backup --to FILE
              Writes a consistent copy of the live database to FILE (a new file, readable by its owner only),
              safe while the app runs.

          restore --from FILE
              Puts the backup FILE in place of the live database. Refuses a file that is not a backup of this
              app, and refuses while the app runs on the database; the replaced database is kept beside it.

          seed-bench --clinics N --clients-per-clinic N [--seed N] [--tokens-out FILE] [--tokens N]
                     [--sessions-out FILE] [--owner-password PASSWORD]
              Fills an EMPTY database with benchmark data: N clinics (owner account ownerK@benchKKK.example each),
              clients with 1-4 sessions over the last two years, their personal links and pending reminders.
              Prints the owners' password (random unless --owner-password; shown only this once).
              --seed (default 1) makes names, dates and counts repeatable; ids and link tokens stay random.
              --tokens-out writes --tokens (default 2000) raw personal-link tokens, one per line (only hashes
              are stored); --sessions-out writes session ids of the first clinic. For docs/performance.md.

          operator grant EMAIL
          operator revoke EMAIL
              Gives or takes the installation's operator role (the background jobs dashboard at /operator/jobs,
              which shows every clinic's jobs) to or from the staff account with that email. The owner who set up
              a fresh installation has it already. It takes effect at the account's next page within a minute.

          --help
              Shows this text.

        Database: ConnectionStrings:Default (environment variable ConnectionStrings__Default), else
        data/smpaftercare.db under the app's content root. clinic, api-key and seed-bench commands first bring the
        database schema up to date, as the app does when it starts.
        Exit codes: 0 done, 1 refused or failed, 2 bad arguments.

        """;

    private static readonly ICliCommand[] Commands =
    [
        new ClinicCreateCommand(), new ApiKeyCreateCommand(), new BackupCommand(), new RestoreCommand(), new SeedBenchCommand(),
        new OperatorCommand(grant: true), new OperatorCommand(grant: false),
    ];

    /// <summary>Web host arguments all start with "-" (--urls, --environment ...); a first word that does not is a command.</summary>
    public static bool IsCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h");

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // "help" only as the command: as an option's value ("--name help") it is data.
        if (args.Count == 0 || args[0] is "help" || args.Any(a => a is "--help" or "-h"))
        {
            await output.WriteAsync(Help);
            return Done;
        }

        var command = Commands.FirstOrDefault(c => c.Name.Split(' ') is var words && args.Take(words.Length).SequenceEqual(words));
        if (command is null)
        {
            var name = string.Join(' ', args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
            await error.WriteLineAsync($"Unknown command '{name}'. Commands: {string.Join(", ", Commands.Select(c => c.Name))}. Run with --help for details.");
            return BadArguments;
        }

        var problems = new List<string>();
        var rest = args.Skip(command.Name.Split(' ').Length).ToList();
        if (command.Positional is { } positional && rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            // "operator grant EMAIL" reads as "operator grant --email EMAIL".
            rest.Insert(0, "--" + positional);
        }

        var options = CliOptions.Parse(rest, command.Options, problems);
        if (problems.Count == 0)
        {
            command.Check(options, problems);
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            await error.WriteLineAsync($"Usage: {command.Usage}");
            return BadArguments;
        }

        await using var app = BuildHost();
        return await command.RunAsync(app, options, output, error);
    }

    /// <summary>The web app's own set-up (configuration, database, Identity, validators) without its server.</summary>
    private static WebApplication BuildHost()
    {
        // No command-line arguments: the command's options are not configuration keys.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSmpAftercare();
        return builder.Build();
    }
}

internal interface ICliCommand
{
    string Name { get; }

    string Usage { get; }

    /// <summary>The option a bare first value stands for ("operator grant EMAIL"), if the command takes one.</summary>
    string? Positional => null;

    /// <summary>Option names (without "--") and whether each is required.</summary>
    IReadOnlyDictionary<string, bool> Options { get; }

    /// <summary>Checks the values with the same rules as the web forms, before anything touches the database.</summary>
    void Check(CliOptions options, List<string> problems);

    Task<int> RunAsync(WebApplication app, CliOptions options, TextWriter output, TextWriter error);
}

internal sealed class CliOptions
{
    private readonly Dictionary<string, string> _values;

    private CliOptions(Dictionary<string, string> values)
    {
        _values = values;
    }

    public string this[string name] => _values[name];

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>"--name value" or "--name=value"; every option of the command known, none repeated.</summary>
    public static CliOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, bool> known, List<string> problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"Unexpected '{arg}': options look like --name value.");
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            string? value = equals > 0 ? arg[(equals + 1)..] : null;
            if (value is null && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (!known.ContainsKey(name))
            {
                problems.Add($"Unknown option --{name}. Options: {string.Join(", ", known.Keys.Select(k => "--" + k))}.");
            }
            else if (value is null)
            {
                problems.Add($"--{name} needs a value.");
            }
            else if (!values.TryAdd(name, value))
            {
                problems.Add($"--{name} is given twice.");
            }
        }

        foreach (var (name, required) in known)
        {
            if (required && !values.ContainsKey(name) && !problems.Any(p => p.StartsWith($"--{name} ", StringComparison.Ordinal)))
            {
                problems.Add($"--{name} is required.");
            }
        }

        return new CliOptions(values);
    }
}
