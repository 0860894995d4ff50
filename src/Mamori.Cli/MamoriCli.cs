using System.CommandLine;
using System.Globalization;
using Mamori.Catalogs;
using Mamori.Cli.Commands;
using Mamori.Cli.Resources;
using Mamori.Domain;

namespace Mamori.Cli;

/// <summary>The `mamori` command: parses the command line and runs one verb.</summary>
public static class MamoriCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider time)
    {
        // The language is the UI culture: resources follow it, and output is formatted with it by name
        // (Text.Format, CommonOptions.Culture). The current culture stays invariant: under a Japanese one,
        // the first culture-sensitive call in any library (EF Core lower-cases a character while compiling
        // a query) makes ICU build a Japanese collator, a quarter of a second of every command.
        CultureInfo.CurrentUICulture = ChooseCulture(args, console.Environment);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        var root = BuildRoot(console, time);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // The parser's messages may span lines; a usage error is one line.
            var message = string.Join(' ', parsed.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            console.Error.WriteLine($"mamori: {message}");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CatalogException e)
        {
            console.Error.WriteLine($"mamori: {e.Message}");
            return ExitCodes.Rejected;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"mamori: {Output.Text.Format(CliText.UnexpectedError, e.GetBaseException().Message)}");
            return ExitCodes.Rejected;
        }
    }

    internal static RootCommand BuildRoot(CliConsole console, TimeProvider time)
    {
        var root = new RootCommand(CliText.RootDescription)
        {
            CommonOptions.Language(),
        };
        root.Subcommands.Add(CatalogCommand.Build(console));
        root.Subcommands.Add(AssessCommand.Build(console));
        root.Subcommands.Add(OrgsCommand.Build(console, time));
        root.Subcommands.Add(AssetsCommand.Build(console, time));
        root.Subcommands.Add(InventoriesCommand.Build(console));
        root.Subcommands.Add(BackupCommand.Build(console));
        root.Subcommands.Add(BackupCommand.BuildRestore(console));
        root.Subcommands.Add(MigrateCommand.Build(console));
        root.Subcommands.Add(ExportCommand.Build(console, time));
        root.Subcommands.Add(QuickCommand.Build(console));
        root.Subcommands.Add(SelfcheckCommand.Build(console));
        root.Subcommands.Add(BaselineCommand.Build(console, time));
        root.Subcommands.Add(SoaCommand.Build(console, time));
        root.Subcommands.Add(ScsCommand.Build(console, time));
        root.Subcommands.Add(ParamsCommand.Build(console));
        root.Subcommands.Add(FormsCommand.Build(console, time));
        root.Subcommands.Add(PolicyCommand.Build(console, time));
        root.Subcommands.Add(AuditCommand.Build(console));
        root.Subcommands.Add(DiagnosisCommand.Build(console));
        root.Subcommands.Add(MembersCommand.Build(console, time));
        root.Subcommands.Add(ProceduresCommand.Build(console, time));
        root.Subcommands.Add(ServeCommand.Build(console));
        root.Subcommands.Add(ServeCommand.BuildDemo(console));
        return root;
    }

    /// <summary>--lang wins; then MAMORI_LANG, LC_ALL, LC_MESSAGES, LANG; Japanese unless one of them says English.</summary>
    internal static CultureInfo ChooseCulture(string[] args, Func<string, string?> environment)
    {
        string? requested = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
            {
                requested = args[i + 1];
            }
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal))
            {
                requested = args[i]["--lang=".Length..];
            }
        }

        requested ??= new[] { "MAMORI_LANG", "LC_ALL", "LC_MESSAGES", "LANG" }
            .Select(environment)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v) && v is not "C" and not "POSIX" && !v.StartsWith("C.", StringComparison.Ordinal));

        return requested is not null && requested.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? Language.English
            : Language.Japanese;
    }
}
