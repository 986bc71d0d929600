// Imported first by every benchmark: the factories must sign cookies exactly as the production server does.
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "bench-session-secret-0123456789abcdefgh";
