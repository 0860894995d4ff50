using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Caps per client address on the requests that guess secrets: password and second-factor
/// sign-in, password change, and every API call that presents a token. Everything else is
/// unlimited. Over the cap the answer is 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string SignInPerMinuteSetting = "RateLimits:SignInPerMinute";
    public const string TokenRequestsPerMinuteSetting = "RateLimits:TokenRequestsPerMinute";
    public const int DefaultSignInPerMinute = 10;
    public const int DefaultTokenRequestsPerMinute = 300;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly string[] SecretPosts = ["/account/signin", "/account/signin-2fa", "/account/password"];

    public static IServiceCollection AddMamoriRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        // Read when the limiter is first built, so settings given to the host (tests, `mamori serve`) apply.
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var signIn = configuration.GetValue(SignInPerMinuteSetting, DefaultSignInPerMinute);
            var tokens = configuration.GetValue(TokenRequestsPerMinuteSetting, DefaultTokenRequestsPerMinute);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "local";
                if (HttpMethods.IsPost(context.Request.Method) && SecretPosts.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("signin:" + client, _ => Fixed(signIn));
                }

                if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("token:" + client, _ => Fixed(tokens));
                }

                return RateLimitPartition.GetNoLimiter("");
            });
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Fixed(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
