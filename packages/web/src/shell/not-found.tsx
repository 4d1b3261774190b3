import { navigate } from "../router.ts";

export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        If you typed the web address, check it is correct. Otherwise go to the{" "}
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate("/");
          }}
        >
          population overview
        </a>
        .
      </p>
    </>
  );
}
