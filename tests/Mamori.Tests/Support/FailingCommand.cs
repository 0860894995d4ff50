using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mamori.Tests.Support;

/// <summary>
/// Fails the <paramref name="occurrence"/>th command whose SQL contains <paramref name="sql"/>, after
/// the database has run it: what that command and the ones before it wrote is in the database at
/// that moment, so only a rollback takes it out again. Add it to a database through
/// <see cref="Data.DatabaseOptions.Interceptors"/>.
/// </summary>
public sealed class FailingCommand(string sql, int occurrence = 1) : DbCommandInterceptor
{
    private int _seen;

    /// <summary>Whether the failure happened, so a test cannot pass because its command never ran.</summary>
    public bool Failed { get; private set; }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (Matches(command))
        {
            result.Dispose();
            throw Fail();
        }

        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (Matches(command))
        {
            await result.DisposeAsync();
            throw Fail();
        }

        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) =>
        Matches(command) ? throw Fail() : result;

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        Matches(command) ? throw Fail() : ValueTask.FromResult(result);

    private bool Matches(DbCommand command) =>
        !Failed && command.CommandText.Contains(sql, StringComparison.Ordinal) && ++_seen == occurrence;

    private InjectedFailure Fail()
    {
        Failed = true;
        return new InjectedFailure();
    }
}

/// <summary>The failure a test injected, told apart from any real one.</summary>
public sealed class InjectedFailure() : Exception("A test injected this failure.")
{
    /// <summary>Whether <paramref name="exception"/> is, or wraps, an injected failure.</summary>
    public static bool IsIn(Exception? exception) =>
        exception is InjectedFailure || (exception is not null && IsIn(exception.InnerException));
}
