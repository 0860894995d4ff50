using System.CommandLine;
using Mamori.Cli.Resources;
using Mamori.Data;

namespace Mamori.Cli.Commands;

/// <summary>Options several verbs share, and the step they share: open the database.</summary>
internal static class CommonOptions
{
    public static Option<string> Language() => new("--lang")
    {
        Description = CliText.OptionLang,
        Recursive = true,
        HelpName = "ja|en",
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = CliText.OptionFormat,
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<string?> DbPath() => new("--db")
    {
        Description = CliText.OptionDb,
        HelpName = "PATH",
    };

    public static Option<string?> Connection() => new("--connection")
    {
        Description = CliText.OptionConnection,
        HelpName = "STRING",
    };

    public static Option<string> Organization() => new("--org")
    {
        Description = CliText.OptionOrg,
        Required = true,
        HelpName = "SLUG",
    };

    /// <summary>The database chosen by --db / --connection / environment, migrated to this version.</summary>
    public static async Task<MamoriDatabase> OpenDatabaseAsync(
        ParseResult parsed, Option<string?> db, Option<string?> connection, CliConsole console, CancellationToken cancellationToken)
    {
        var database = new MamoriDatabase(
            DatabaseOptions.Resolve(parsed.GetValue(db), parsed.GetValue(connection), console.Environment),
            new Actor($"cli:{Environment.UserName}", TimeProvider.System));
        await database.MigrateIfBehindAsync(cancellationToken);
        return database;
    }

    /// <summary>The language of the output, chosen by <see cref="MamoriCli.ChooseCulture"/> before any verb runs.</summary>
    public static System.Globalization.CultureInfo Culture => System.Globalization.CultureInfo.CurrentUICulture;
}
