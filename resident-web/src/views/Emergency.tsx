/** A sentence with the emergency number in it, the number a link that calls it. */
export function Emergency({ text, className, role }: { text: string; className?: string; role?: 'alert' | 'status' }) {
  const [before, ...rest] = text.split('112');
  return (
    <p className={className} role={role}>
      {before}
      {rest.length > 0 && (
        <>
          <a href="tel:112" className="call-112">
            112
          </a>
          {rest.join('112')}
        </>
      )}
    </p>
  );
}
