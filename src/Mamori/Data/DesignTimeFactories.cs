using Microsoft.EntityFrameworkCore.Design;

namespace Mamori.Data;

// Used only by `dotnet ef migrations add` and `dotnet ef dbcontext optimize`, one per provider; see
// docs/architecture.md. They build the model from the configurations, never from the compiled one.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMamoriDb>
{
    public SqliteMamoriDb CreateDbContext(string[] args) =>
        new(MamoriDatabase.SqliteOptions("Data Source=design-time.db", compiledModel: false));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMamoriDb>
{
    public PostgresMamoriDb CreateDbContext(string[] args) =>
        new(MamoriDatabase.PostgresOptions("Host=127.0.0.1;Database=mamori_design", compiledModel: false));
}
