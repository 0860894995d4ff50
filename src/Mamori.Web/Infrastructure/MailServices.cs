using Mamori.Mail;

namespace Mamori.Web.Infrastructure;

public static class MailServices
{
    /// <summary>
    /// The <see cref="Mailer"/>, on the SMTP server named in configuration or the environment
    /// (<see cref="MailSettings"/>), read when first needed so that tests and `mamori serve` can set it.
    /// </summary>
    public static IServiceCollection AddMamoriMail(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new Mailer(MailSettings.Read(name => configuration[name] ?? Environment.GetEnvironmentVariable(name)));
        });
}
