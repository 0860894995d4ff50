using Microsoft.EntityFrameworkCore.Design;

namespace Mamori.Data;

// Used only by `dotnet ef migrations add` and `dotnet ef dbcontext optimize`, one per provider; see
// docs/architecture.md. At design time EF builds the model from the configurations, not the compiled one.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMamoriDb>
{
    public SqliteMamoriDb CreateDbContext(string[] args) =>
        new(MamoriDatabase.SqliteOptions("Data Source=design-time.db"));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMamoriDb>
{
    public PostgresMamoriDb CreateDbContext(string[] args) =>
        new(MamoriDatabase.PostgresOptions("Host=127.0.0.1;Database=mamori_design"));
}
