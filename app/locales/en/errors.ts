export default {
  body: { tooLarge: "The message is too large (at most {{kb}} KB).", notJson: "The message is not valid JSON." },
  notFound: { title: "Page not found", body: "We could not find that page. It may have moved, or the link may be wrong." },
  forbidden: { title: "Not allowed", body: "Your account does not have access to this page." },
  unauthorized: { title: "Please sign in", body: "You need to sign in to see this page." },
  badRequest: { title: "Something is wrong with that request", body: "Please go back and try again." },
  tooMany: { title: "Slow down a little", body: "Too many requests. Please wait a moment and try again." },
  unavailable: {
    title: "Back in a moment",
    body: "QuitPath cannot reach its database just now. Nothing you saved is lost; please try again in a few seconds.",
  },
  server: { title: "Something went wrong", body: "We are sorry — an unexpected error happened on our side. It has been logged." },
  storageUnavailable:
    "Your photo could not be saved just now: the file store did not answer. Nothing was posted; please try again in a minute.",
  fieldInvalid: "Please check this value.",
  reference: "Reference: {{requestId}}",
  goHome: "Go to the home page",
  unknownIntent: "That action is not available here.",
  controlCharacter: "This contains a character that cannot be stored (a NUL byte). Please remove it.",
  tooManyFields: "This form has far more fields than it should. Please reload the page and try again.",
  amount: {
    required: "Enter an amount.",
    invalid: "Enter an amount as a number, for example 150,000 or 9.99.",
    tooManyDecimals: "{{currency}} allows at most {{digits}} digits after the decimal separator.",
    tooLarge: "This amount is too large.",
  },
};
